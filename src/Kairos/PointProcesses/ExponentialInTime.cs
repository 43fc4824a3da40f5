using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Waiting time under the exponential-in-time intensity h(τ) = exp(c + ωτ), τ ≥ 0 (RMTPP/TPPRL form, TPPRL §1.2).
/// Λ(τ) = e^c·expm1(ωτ)/ω, with the limit e^c·τ at ω = 0 (TPPRL §1.2, I(c, Δ)).
/// For ω &lt; 0 the process can die out: Λ(∞) = e^c/|ω| and P(no event) = exp(−e^c/|ω|) (TPPRL eqs. 13–14);
/// <see cref="InverseCumulativeHazard"/> then returns +∞ for targets at or above Λ(∞).
/// Time τ is measured from the origin t₀ (the last event); c is the log-intensity at τ = 0, ω the log-intensity
/// slope per time unit. Both are any finite numbers; large |c| (up to ±700 and beyond) is handled in log space.
/// The static kernels <see cref="CumulativeHazardOf"/> and <see cref="InverseCumulativeHazardOf"/> let hot loops
/// (<see cref="NextEventSampler"/>, likelihoods) use the formulas without allocating an instance.
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
        return CumulativeHazardOf(C, Omega, tau);
    }

    public override double InverseCumulativeHazard(double cumulativeHazard)
    {
        CheckCumulativeHazard(cumulativeHazard);
        return InverseCumulativeHazardOf(C, Omega, cumulativeHazard);
    }

    public override double LogDensity(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || double.IsPositiveInfinity(tau)) return double.NegativeInfinity;
        return C + Omega * tau - CumulativeHazardOf(C, Omega, tau);
    }

    /// <summary>After surviving to s the hazard is exp((c + ωs) + ωu), u = τ − s: sample that law directly instead
    /// of inverting Λ(s) + E, which would lose digits to cancellation when Λ(s) ≫ E.</summary>
    public override double SampleAfter(double survivedTo, Random rng)
    {
        CheckSurvivedTo(survivedTo);
        return survivedTo + InverseCumulativeHazardOf(C + Omega * survivedTo, Omega, StandardExponential(rng));
    }

    /// <summary>Λ(τ) = e^c·τ·(e^{ωτ} − 1)/(ωτ) for τ ≥ 0 (0 for τ ≤ 0), in log space where e^c or e^{ωτ} would
    /// overflow or underflow. No argument checks (hot-path kernel).</summary>
    public static double CumulativeHazardOf(double c, double omega, double tau)
    {
        if (!(tau > 0)) return 0;
        if (double.IsPositiveInfinity(tau))
            return omega < 0 ? Math.Exp(c - Math.Log(-omega)) : double.PositiveInfinity;
        double x = omega * tau;
        // Direct product: a few ulps. e^c and e^x stay finite and normal inside ±700.
        if (c is >= -700 and <= 700 && x <= 700) return Math.Exp(c) * tau * Fn.Expm1OverX(x);
        return Math.Exp(c + Math.Log(tau) + Fn.LogExpm1OverX(x));
    }

    /// <summary>Λ⁻¹(L): τ = log1p(ω·L·e^{−c})/ω (TPPRL eq. 13), = L·e^{−c} at ω = 0; +∞ when ω &lt; 0 and
    /// L ≥ e^c/|ω| (extinction, TPPRL eq. 14). Computed as y·log1p(ωy)/(ωy), y = L·e^{−c}, so ω → 0 is exact,
    /// and in log space when y or ωy overflow. No argument checks (hot-path kernel); L must be ≥ 0.</summary>
    public static double InverseCumulativeHazardOf(double c, double omega, double cumulativeHazard)
    {
        double L = cumulativeHazard;
        if (L == 0) return 0;
        if (double.IsPositiveInfinity(L)) return double.PositiveInfinity;
        // y = L·e^{−c} directly (a few ulps) while e^{−c} is a normal number and the product neither overflows
        // nor underflows; otherwise via its logarithm.
        double y = c is >= -700 and <= 700 ? L * Math.Exp(-c) : double.NaN;
        if (!(y > 0) || double.IsPositiveInfinity(y)) y = Math.Exp(Math.Log(L) - c);
        if (omega == 0) return y;
        // τ = log1p(z)/ω with z = ωy, by Goldberg's log1p trick in one step: w = 1 + z, τ = y·log(w)/(w − 1)
        // (w − 1 is exact, and log(w)/(w − 1) = log1p(z)/z to a few ulps; w = 1 means |z| < ulp, τ = y).
        double w = 1 + omega * y;
        if (w <= 0) return double.PositiveInfinity;   // ω < 0 and L ≥ e^c/|ω|: extinction (TPPRL eq. 14)
        if (w == 1) return y;
        if (!double.IsPositiveInfinity(w)) return y * (Math.Log(w) / (w - 1));
        // log1p(z) = log z + log1p(1/z) with log z = log ω + log L − c, so that z itself may overflow.
        double logZ = Math.Log(omega) + Math.Log(L) - c;
        return (logZ + Fn.Log1p(Math.Exp(-logZ))) / omega;
    }

    public override string ToString() => $"ExponentialInTime(c={F(C)}, ω={F(Omega)})";
}
