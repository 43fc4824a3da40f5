using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// The library's one set of closed forms for the exponential-in-time intensity λ(s) = e^{c + ωs}, s ≥ 0 (RMTPP/TPPRL
/// form, TPPRL digest §1.2), written through E(x) = (e^x − 1)/x so that ω → 0 is exact, not a division by ~0:
/// <code>
///   Λ(c, ω, Δ) = ∫₀^Δ e^{c+ωs} ds   = e^c Δ E(ωΔ)           (= e^c/|ω| at Δ = ∞, ω &lt; 0: TPPRL eq. 14)
///   J(c, ω, Δ) = ∫₀^Δ e^{2(c+ωs)} ds = Λ(2c, 2ω, Δ)
///   Λ⁻¹(c, ω, L) = log1p(ω L e^{−c})/ω                     (+∞ when ω &lt; 0 and L ≥ e^c/|ω|: TPPRL eq. 13)
///   ∂Λ/∂ω = e^c Δ² E'(ωΔ) = Λ Δ r(ωΔ),  ∂J/∂ω = 2 e^{2c} Δ² E'(2ωΔ),  ∂Λ/∂c = Λ,  ∂J/∂c = 2J
/// </code>
/// Used by <see cref="ExponentialInTime"/>, <see cref="ExponentialInTimeProcess"/>, <see cref="NextEventSampler"/>
/// and the TPPRL objective. No argument checks: these are hot-path kernels.
/// </summary>
public static class ExponentialInTimeKernel
{
    /// <summary>Λ(c, ω, Δ) for Δ ≥ 0 (0 for Δ ≤ 0, the total mass at Δ = +∞), in log space where e^c or e^{ωΔ}
    /// would overflow or underflow, so any finite c and ω give a correctly rounded-to-a-few-ulps value or ±∞/0 only
    /// when the true value lies outside the doubles.</summary>
    public static double CumulativeHazard(double c, double omega, double delta)
    {
        if (!(delta > 0)) return 0;
        if (double.IsPositiveInfinity(delta))
            return omega < 0 ? Math.Exp(c - Math.Log(-omega)) : double.PositiveInfinity;
        double x = omega * delta;
        // Direct product: a few ulps. e^c and e^x stay finite and normal inside ±700.
        if (c is >= -700 and <= 700 && x <= 700) return Math.Exp(c) * delta * Fn.Expm1OverX(x);
        return Math.Exp(c + Math.Log(delta) + Fn.LogExpm1OverX(x));
    }

    /// <summary>J(c, ω, Δ) = ∫₀^Δ λ² = Λ(2c, 2ω, Δ) (the TPPRL intensity penalty, digest §2.3).</summary>
    public static double SquareIntegral(double c, double omega, double delta) => CumulativeHazard(2 * c, 2 * omega, delta);

    /// <summary>Λ⁻¹(L): the length τ ≥ 0 with Λ(c, ω, τ) = L, = L·e^{−c} at ω = 0; +∞ when ω &lt; 0 and
    /// L ≥ e^c/|ω| (extinction, TPPRL eq. 14). Computed as y·log1p(ωy)/(ωy), y = L·e^{−c}, so ω → 0 is exact, and
    /// in log space when y or ωy overflow. L must be ≥ 0.</summary>
    public static double InverseCumulativeHazard(double c, double omega, double cumulativeHazard)
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

    /// <summary>
    /// Λ, J, ∂Λ/∂ω and ∂J/∂ω of one interval from a single expm1 (the TPPRL objective's per-event terms and their
    /// backpropagation): with m = e^{ωΔ} − 1, e^{2ωΔ} − 1 = m(m + 2) exactly in exact arithmetic and without
    /// cancellation in floating point (m + 2 ≥ 1). For |ωΔ| &lt; 5·10⁻³ (so |2ωΔ| &lt; 10⁻²) E and E' use their Taylor
    /// series (truncation below 10⁻¹⁶ relative). Δ ≤ 0 gives zeros. e^c and e^{2c} are formed directly: for
    /// |c| ≲ 350 (any intensity a policy can act on) that is exact to a few ulps; outside it a term can overflow.
    /// </summary>
    public static (double I, double J, double DIdw, double DJdw) Interval(double c, double omega, double delta)
    {
        if (!(delta > 0)) return (0, 0, 0, 0);
        double ec = Math.Exp(c), x = omega * delta, e1, e2, d1, d2;
        if (Math.Abs(x) < 5e-3)
        {
            double y = 2 * x;
            e1 = 1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720 + x * (1.0 / 5040))))));
            e2 = 1 + y * (0.5 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120 + y * (1.0 / 720 + y * (1.0 / 5040))))));
            d1 = Expm1OverXDerivative(x);
            d2 = Expm1OverXDerivative(y);
        }
        else
        {
            double m = Fn.Expm1(x), m2 = m * (m + 2);
            e1 = m / x;
            e2 = m2 / (2 * x);
            d1 = (x * (m + 1) - m) / (x * x);                    // E'(x) = (x eˣ − expm1 x)/x²
            d2 = (2 * x * (m2 + 1) - m2) / (4 * x * x);
        }
        double ecd = ec * delta;
        return (ecd * e1, ecd * ec * e2, ecd * delta * d1, 2 * ecd * ec * delta * d2);
    }

    /// <summary>E'(x) = d/dx (e^x − 1)/x = (x e^x − expm1 x)/x², with its Taylor series near 0
    /// (Σ n xⁿ⁻¹/(n+1)!; the truncation error at |x| = 10⁻² is below 10⁻¹⁶).</summary>
    public static double Expm1OverXDerivative(double x)
    {
        if (Math.Abs(x) < 1e-2)
            return 0.5 + x * (1.0 / 3 + x * (1.0 / 8 + x * (1.0 / 30 + x * (1.0 / 144 + x * (1.0 / 840)))));
        if (x < -700) return 1.0 / (x * x);   // e^x underflows; E(x) → −1/x
        return (x * Math.Exp(x) - Fn.Expm1(x)) / (x * x);
    }

    /// <summary>r(x) = ∫₀¹ s e^{xs} ds / ∫₀¹ e^{xs} ds = 1/(1 − e^{−x}) − 1/x, so that ∂Λ/∂ω = Λ·Δ·r(ωΔ) in any
    /// range of c (the mean position of the mass on the interval, in (0, 1)). Near 0, where the two terms cancel, the
    /// Bernoulli series r = 1/2 + Σ B₂ₖ x²ᵏ⁻¹/(2k)! = 1/2 + x/12 − x³/720 + x⁵/30240 − x⁷/1209600 + x⁹/47900160
    /// (the next term is below 10⁻²⁰ at |x| = 0.1; beyond it the cancellation costs at most a factor 1/|x| ≤ 10).</summary>
    public static double MeanFraction(double x)
    {
        if (Math.Abs(x) < 0.1)
        {
            double x2 = x * x;
            return 0.5 + x * (1.0 / 12 + x2 * (-1.0 / 720 + x2 * (1.0 / 30240 + x2 * (-1.0 / 1209600 + x2 / 47900160))));
        }
        if (x > 700) return 1 - 1 / x;
        return 1 / -Fn.Expm1(-x) - 1 / x;
    }
}
