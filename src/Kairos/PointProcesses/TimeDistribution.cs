using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Shared derivations for <see cref="ITimeDistribution"/> families: everything follows from the cumulative hazard Λ.
/// S = e^{−Λ}; F = −expm1(−Λ); log f = log h − Λ; F⁻¹(p) = Λ⁻¹(−log1p(−p)); a draw is Λ⁻¹(E) with E ~ Exp(1), and a
/// draw after surviving to s is Λ⁻¹(Λ(s) + E) (the refinement of TPPRL Alg. 2). A family overrides a member where its
/// own closed form is more accurate.
/// Conventions: for τ &lt; 0, h = Λ = 0, S = 1, F = 0 and log f = −∞; τ = NaN throws
/// <see cref="ArgumentOutOfRangeException"/>; τ = +∞ gives Λ(∞) (finite for families that can die out).
/// </summary>
public abstract class TimeDistribution : ITimeDistribution
{
    /// <summary>Λ(∞): +∞ unless the family can die out, in which case P(no event ever) = e^{−Λ(∞)}.</summary>
    public virtual double TotalCumulativeHazard => double.PositiveInfinity;

    /// <summary>P(no event ever) = e^{−Λ(∞)}; 0 for families that cannot die out.</summary>
    public double ExtinctionProbability => Math.Exp(-TotalCumulativeHazard);

    public abstract double Hazard(double tau);
    public abstract double CumulativeHazard(double tau);
    public abstract double InverseCumulativeHazard(double cumulativeHazard);

    public virtual double Survival(double tau) => Math.Exp(-CumulativeHazard(tau));

    public virtual double Cdf(double tau) => -Fn.Expm1(-CumulativeHazard(tau));

    /// <summary>F⁻¹(p) = Λ⁻¹(−log1p(−p)); +∞ for p above the reachable mass 1 − e^{−Λ(∞)} and for p = 1.</summary>
    public virtual double InverseCdf(double p) =>
        InverseCumulativeHazard(-Fn.Log1p(-Require.Probability(p, nameof(p))));

    public virtual double LogDensity(double tau)
    {
        CheckTime(tau);
        return tau < 0 ? double.NegativeInfinity : Math.Log(Hazard(tau)) - CumulativeHazard(tau);
    }

    public virtual double Sample(Random rng) => InverseCumulativeHazard(ExponentialDraw.Next(rng));

    public virtual double SampleAfter(double survivedTo, Random rng)
    {
        CheckSurvivedTo(survivedTo);
        return InverseCumulativeHazard(CumulativeHazard(survivedTo) + ExponentialDraw.Next(rng));
    }

    /// <summary>Throws for NaN τ (every member rejects it rather than returning a silent NaN).</summary>
    protected static void CheckTime(double tau)
    {
        if (double.IsNaN(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must not be NaN.");
    }

    /// <summary>Throws for a NaN or negative target Λ.</summary>
    protected static void CheckCumulativeHazard(double cumulativeHazard)
    {
        if (!(cumulativeHazard >= 0))
            throw new ArgumentOutOfRangeException(nameof(cumulativeHazard), cumulativeHazard,
                $"cumulativeHazard must be >= 0, got {Require.Fmt(cumulativeHazard)}.");
    }

    protected static void CheckSurvivedTo(double survivedTo)
    {
        if (!(survivedTo >= 0) || double.IsPositiveInfinity(survivedTo))
            throw new ArgumentOutOfRangeException(nameof(survivedTo), survivedTo,
                $"survivedTo must be finite and >= 0, got {Require.Fmt(survivedTo)}.");
    }

    /// <summary>Formats a parameter for <c>ToString</c> (invariant culture, shortest round-trip form).</summary>
    protected static string F(double v) => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}
