using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Waiting time of a homogeneous Poisson process: h(τ) = r, Λ(τ) = r·τ, S(τ) = e^{−rτ} (exponential law).
/// Rate r ≥ 0 in events per time unit; r = 0 means no event ever (<see cref="Sample"/> returns +∞).
/// </summary>
public sealed class PoissonTime : TimeDistribution
{
    /// <param name="rate">r, events per time unit; finite and ≥ 0.</param>
    public PoissonTime(double rate) => Rate = Require.NonNegative(rate, nameof(rate));

    /// <summary>r, events per time unit.</summary>
    public double Rate { get; }

    public override double TotalCumulativeHazard => Rate > 0 ? double.PositiveInfinity : 0;

    public override double Hazard(double tau)
    {
        CheckTime(tau);
        return tau < 0 ? 0 : Rate;
    }

    public override double CumulativeHazard(double tau)
    {
        CheckTime(tau);
        // r = 0 and τ = ∞ would give 0·∞ = NaN; Λ is identically 0 then.
        return tau <= 0 || Rate == 0 ? 0 : Rate * tau;
    }

    public override double InverseCumulativeHazard(double cumulativeHazard)
    {
        CheckCumulativeHazard(cumulativeHazard);
        if (cumulativeHazard == 0) return 0;
        return Rate == 0 ? double.PositiveInfinity : cumulativeHazard / Rate;
    }

    public override double LogDensity(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || Rate == 0) return double.NegativeInfinity;
        return Math.Log(Rate) - Rate * tau;
    }

    /// <summary>Memoryless: a draw after surviving to s is s + Exp(r), with no cancellation in Λ(s) + E.</summary>
    public override double SampleAfter(double survivedTo, Random rng)
    {
        CheckSurvivedTo(survivedTo);
        return survivedTo + Sample(rng);
    }

    public override string ToString() => $"PoissonTime(r={F(Rate)})";
}
