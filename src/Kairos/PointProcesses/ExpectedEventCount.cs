using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// E[N(T)], the expected number of events of a process-level model on [0, T], to refuse a simulation that would
/// produce billions of events before starting it. Exact for poisson (rT), exp (∫₀ᵀ λ) and hawkes; an upper bound
/// for heavytail.
/// </summary>
public static class ExpectedEventCount
{
    public static double Of(IPointProcessModel model, double horizon)
    {
        ArgumentNullException.ThrowIfNull(model);
        double T = Require.NonNegative(horizon, nameof(horizon));
        return model switch
        {
            PoissonProcess p => p.Rate * T,
            ExponentialInTimeProcess e => e.Compensator(0, T),
            HawkesPointProcess h => Hawkes(h.Mu, h.Alpha, h.Beta, T),
            HeavyTailRenewalProcess r => RenewalUpperBound(r.Gap, T),
            _ => throw new ArgumentException($"no expected event count for {model}.", nameof(model)),
        };
    }

    /// <summary>Mean of a univariate exponential Hawkes process, any α: the mean intensity m = μ + αβ y with
    /// y(t) = ∫₀ᵗ e^{−β(t−s)} m(s) ds solves y' = μ + κ y, κ = β(α − 1), so y = μ expm1(κt)/κ and
    /// E[N(T)] = ∫₀ᵀ m = μT + αβμ T² g(κT), g(x) = (eˣ − 1 − x)/x² (→ ½ at 0; ≈ 1/(β(1 − α)T) for α &lt; 1, giving
    /// μT/(1 − α)). +∞ when it overflows (explosive, α &gt; 1).</summary>
    public static double Hawkes(double mu, double alpha, double beta, double horizon)
    {
        double x = beta * (alpha - 1) * horizon;
        double g = Math.Abs(x) < 1e-4 ? 0.5 + x / 6 + x * x / 24
                 : x > 700 ? double.PositiveInfinity
                 : (Fn.Expm1(x) - x) / (x * x);
        return mu * horizon + alpha * beta * mu * horizon * horizon * g;
    }

    /// <summary>Renewal bound by Wald's identity: with gaps truncated at T (which leaves N(T) unchanged),
    /// E[N + 1]·E[min(X, T)] = E[S_{N+1}] ≤ 2T, so E[N(T)] ≤ 2T / E[min(X, T)], and
    /// E[min(X, T)] = ∫₀¹ min(F⁻¹(p), T) dp (midpoint rule; the integrand is bounded and monotone).</summary>
    public static double RenewalUpperBound(ITimeDistribution gap, double horizon)
    {
        ArgumentNullException.ThrowIfNull(gap);
        if (horizon <= 0) return 0;
        const int points = 2000;
        double mean = 0;
        for (int i = 0; i < points; i++) mean += Math.Min(gap.InverseCdf((i + 0.5) / points), horizon);
        mean /= points;
        return mean > 0 ? 2 * horizon / mean : double.PositiveInfinity;
    }
}
