namespace Kairos.PointProcesses;

/// <summary>The process-level model families of the CLI (<c>--family</c>): names poisson, exp, hawkes, heavytail.</summary>
public enum PointProcessFamily
{
    /// <summary>Homogeneous Poisson, λ(t) = rate.</summary>
    Poisson,
    /// <summary>Inhomogeneous Poisson with λ(t) = exp(c + ω (t − t0)) (TPPRL eq. 13).</summary>
    Exp,
    /// <summary>Self-exciting Hawkes with an exponential kernel, λ(t) = μ + Σ α β e^{−β (t − t_i)} (tick convention).</summary>
    Hawkes,
    /// <summary>Renewal process with Burr XII(λ, c, k) inter-event times (delivery.md §4.2).</summary>
    HeavyTail,
}
