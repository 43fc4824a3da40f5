using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Waiting time under the exponential-in-time intensity h(τ) = exp(c + ωτ), τ ≥ 0 (RMTPP/TPPRL form, TPPRL §1.2).
/// Λ(τ) = e^c·expm1(ωτ)/ω, with the limit e^c·τ at ω = 0 (TPPRL §1.2, I(c, Δ)).
/// For ω &lt; 0 the process can die out: Λ(∞) = e^c/|ω| and P(no event) = exp(−e^c/|ω|) (TPPRL eqs. 13–14);
/// <see cref="InverseCumulativeHazard"/> then returns +∞ for targets at or above Λ(∞).
/// Time τ is measured from the origin t₀ (the last event); c is the log-intensity at τ = 0, ω the log-intensity
/// slope per time unit. Both are any finite numbers; large |c| (up to ±700 and beyond) is handled in log space.
/// The closed forms are the library's one <see cref="ExponentialInTimeKernel"/>; this class adds the
/// <see cref="ITimeDistribution"/> contract (argument checks, sampling).
/// </summary>
public sealed class ExponentialInTime : TimeDistribution
{
    /// <param name="c">log-intensity at τ = 0; finite.</param>
    /// <param name="omega">ω, change of the log-intensity per time unit; finite, any sign.</param>
    public ExponentialInTime(double c, double omega) =>
        (C, Omega) = (Require.Finite(c, nameof(c)), Require.Finite(omega, nameof(omega)));

    /// <summary>c, the log-intensity at τ = 0.</summary>
    public double C { get; }

    /// <summary>ω, the slope of the log-intensity per time unit.</summary>
    public double Omega { get; }

    public override double TotalCumulativeHazard =>
        Omega < 0 ? Math.Exp(C - Math.Log(-Omega)) : double.PositiveInfinity;

    public override double Hazard(double tau)
    {
        CheckTime(tau);
        if (tau < 0) return 0;
        if (double.IsPositiveInfinity(tau)) return Omega > 0 ? tau : Omega < 0 ? 0 : Math.Exp(C);
        return Math.Exp(C + Omega * tau);
    }

    public override double CumulativeHazard(double tau)
    {
        CheckTime(tau);
        return ExponentialInTimeKernel.CumulativeHazard(C, Omega, tau);
    }

    public override double InverseCumulativeHazard(double cumulativeHazard)
    {
        CheckCumulativeHazard(cumulativeHazard);
        return ExponentialInTimeKernel.InverseCumulativeHazard(C, Omega, cumulativeHazard);
    }

    public override double LogDensity(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || double.IsPositiveInfinity(tau)) return double.NegativeInfinity;
        return C + Omega * tau - ExponentialInTimeKernel.CumulativeHazard(C, Omega, tau);
    }

    /// <summary>After surviving to s the hazard is exp((c + ωs) + ωu), u = τ − s: sample that law directly instead
    /// of inverting Λ(s) + E, which would lose digits to cancellation when Λ(s) ≫ E.</summary>
    public override double SampleAfter(double survivedTo, Random rng)
    {
        CheckSurvivedTo(survivedTo);
        return survivedTo + ExponentialInTimeKernel.InverseCumulativeHazard(C + Omega * survivedTo, Omega, ExponentialDraw.Next(rng));
    }

    public override string ToString() => $"ExponentialInTime(c={F(C)}, ω={F(Omega)})";
}
