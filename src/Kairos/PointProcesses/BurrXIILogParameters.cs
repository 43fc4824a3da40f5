using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// <see cref="BurrXII"/> as a network output head sees it: parameters a = (ln λ, ln c, ln k), no allocation per
/// call. The values are BurrXII's closed forms; the gradients are BurrXII's table (delivery.md §4.2) times
/// ∂(λ, c, k)/∂a = (λ, c, k). With z = c·ln(τ/λ), σ = σ(z), sp = sp(z):
/// <code>
///   log f: ∂/∂a = (−c·(1 − (k+1)σ),  1 + z·(1 − (k+1)σ),  1 − k·sp)
///   log S: ∂/∂a = (k·c·σ,            −k·σ·z,                −k·sp)
/// </code>
/// </summary>
public static class BurrXIILogParameters
{
    /// <summary>log f(τ) for 0 &lt; τ &lt; ∞; writes ∂/∂(ln λ, ln c, ln k) into <paramref name="grad"/>.</summary>
    public static double LogDensity(double logScale, double shape, double tail, double tau, Span<double> grad)
    {
        double z = shape * (Math.Log(tau) - logScale);
        double s = Fn.Logistic(z), sp = Fn.Softplus(z), a = 1 - (tail + 1) * s;
        grad[0] = -shape * a;
        grad[1] = 1 + z * a;
        grad[2] = 1 - tail * sp;
        return Math.Log(tail) + Math.Log(shape) + z - Math.Log(tau) - (tail + 1) * sp;
    }

    /// <summary>log S(τ) = −k·sp(z) for 0 &lt; τ &lt; ∞; writes ∂/∂(ln λ, ln c, ln k) into <paramref name="grad"/>.</summary>
    public static double LogSurvival(double logScale, double shape, double tail, double tau, Span<double> grad)
    {
        double z = shape * (Math.Log(tau) - logScale);
        double s = Fn.Logistic(z), sp = Fn.Softplus(z);
        grad[0] = tail * shape * s;
        grad[1] = -tail * s * z;
        grad[2] = -tail * sp;
        return -tail * sp;
    }

    /// <summary>Λ(τ) = k·sp(c·ln(τ/λ)) (0 at τ ≤ 0), the time-rescaling increment.</summary>
    public static double CumulativeHazard(double logScale, double shape, double tail, double tau) =>
        tau <= 0 ? 0 : tail * Fn.Softplus(shape * (Math.Log(tau) - logScale));

    /// <summary>F⁻¹ at E = −log(1 − U) ~ Exp(1): λ·exp(sp⁻¹(E/k)/c), the sampler of BurrXII in log space.</summary>
    public static double Sample(double logScale, double shape, double tail, double exponential) =>
        exponential <= 0 ? 0 : Math.Exp(logScale + Fn.InverseSoftplus(exponential / tail) / shape);
}
