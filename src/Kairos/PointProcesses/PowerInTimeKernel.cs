using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Closed forms for the power-in-time intensity λ(s) = e^a (1 + ρs)^p, s ≥ 0, ρ &gt; 0 — a hazard that is a power of a
/// clock, e.g. e^{c + κ(−ln R̂(t))} under the FSRS-6 forgetting curve (<see cref="Policies.IItemClocks"/>). In the
/// clock's log time u = log1p(ρs), ds = e^u du/ρ, so λ ds = e^{a − ln ρ + (p+1)u} du: the exponential-in-time kernel
/// in u (<see cref="ExponentialInTimeKernel"/>), whose compensator, inverse and ω-derivative carry over:
/// <code>
///   Λ(Δ) = Λ_exp(a − ln ρ, p + 1, log1p(ρΔ)),   Λ⁻¹(E) = expm1(Λ_exp⁻¹(a − ln ρ, p + 1, E))/ρ
///   ∂Λ/∂a = Λ,   ∂Λ/∂p = Λ·u·r((p + 1)u)   (r: <see cref="ExponentialInTimeKernel.MeanFraction"/>)
/// </code>
/// No argument checks: hot-path kernels.
/// </summary>
public static class PowerInTimeKernel
{
    /// <summary>ln λ(s) = a + p·log1p(ρs).</summary>
    public static double LogHazard(double a, double p, double rho, double s) => a + p * Fn.Log1p(rho * Math.Max(s, 0));

    /// <summary>Λ(Δ) = ∫₀^Δ λ (0 for Δ ≤ 0; finite at Δ = ∞ only when p &lt; −1).</summary>
    public static double CumulativeHazard(double a, double p, double rho, double delta) =>
        delta > 0 ? ExponentialInTimeKernel.CumulativeHazard(a - Math.Log(rho), p + 1, Fn.Log1p(rho * delta)) : 0;

    /// <summary>The length Δ ≥ 0 with Λ(Δ) = <paramref name="cumulativeHazard"/> (≥ 0); +∞ when Λ never reaches it.</summary>
    public static double InverseCumulativeHazard(double a, double p, double rho, double cumulativeHazard)
    {
        double u = ExponentialInTimeKernel.InverseCumulativeHazard(a - Math.Log(rho), p + 1, cumulativeHazard);
        return double.IsPositiveInfinity(u) ? double.PositiveInfinity : Fn.Expm1(u) / rho;
    }

    /// <summary>Λ(Δ) and ∂Λ/∂p of one interval (zeros for Δ ≤ 0).</summary>
    public static (double Lambda, double DLambdaDp) Interval(double a, double p, double rho, double delta)
    {
        if (!(delta > 0)) return (0, 0);
        double u = Fn.Log1p(rho * delta), q = p + 1;
        double lambda = ExponentialInTimeKernel.CumulativeHazard(a - Math.Log(rho), q, u);
        return (lambda, lambda * u * ExponentialInTimeKernel.MeanFraction(q * u));
    }
}
