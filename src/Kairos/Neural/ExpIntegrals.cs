using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// Closed forms for the exponential-in-time intensity λ(s) = e^{c + w s} on an interval of length Δ
/// (TPPRL digest §1.2), written through E(x) = (e^x − 1)/x so that w → 0 is exact, not a division by ~0:
/// <code>
///   I(c, w, Δ) = ∫₀^Δ e^{c+ws} ds  = e^c Δ E(wΔ)
///   J(c, w, Δ) = ∫₀^Δ e^{2(c+ws)} ds = e^{2c} Δ E(2wΔ)
///   ∂I/∂w = e^c Δ² E'(wΔ),  ∂J/∂w = 2 e^{2c} Δ² E'(2wΔ),  ∂I/∂c = I,  ∂J/∂c = 2J
/// </code>
/// </summary>
public static class ExpIntegrals
{
    /// <summary>E'(x) = d/dx (e^x − 1)/x = (x e^x − expm1 x)/x², with its Taylor series near 0
    /// (Σ n xⁿ⁻¹/(n+1)!; the truncation error at |x| = 10⁻² is below 10⁻¹⁶).</summary>
    public static double Expm1OverXDerivative(double x)
    {
        if (Math.Abs(x) < 1e-2)
            return 0.5 + x * (1.0 / 3 + x * (1.0 / 8 + x * (1.0 / 30 + x * (1.0 / 144 + x * (1.0 / 840)))));
        if (x < -700) return 1.0 / (x * x);   // e^x underflows; E(x) → −1/x
        return (x * Math.Exp(x) - Fn.Expm1(x)) / (x * x);
    }

    /// <summary>
    /// I, J, ∂I/∂w and ∂J/∂w of one interval from a single expm1: with m = e^{wΔ} − 1, e^{2wΔ} − 1 = m(m + 2) exactly
    /// in exact arithmetic and without cancellation in floating point (m + 2 ≥ 1). For |wΔ| &lt; 5·10⁻³ (so |2wΔ| &lt; 10⁻²)
    /// E and E' use their Taylor series (truncation below 10⁻¹⁶ relative). Δ ≤ 0 gives zeros.
    /// </summary>
    public static (double I, double J, double DIdw, double DJdw) Interval(double c, double w, double delta)
    {
        if (!(delta > 0)) return (0, 0, 0, 0);
        double ec = Math.Exp(c), x = w * delta, e1, e2, d1, d2;
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

    /// <summary>log(1 + x)/x with the limit 1 at x = 0 (used to invert I).</summary>
    public static double Log1pOverX(double x) =>
        Math.Abs(x) < 1e-5 ? 1 - x / 2 + x * x / 3 : Fn.Log1p(x) / x;

    /// <summary>I(c, w, Δ) = ∫₀^Δ e^{c+ws} ds.</summary>
    public static double Integral(double c, double w, double delta) =>
        delta <= 0 ? 0 : Math.Exp(c) * delta * Fn.Expm1OverX(w * delta);

    /// <summary>J(c, w, Δ) = ∫₀^Δ e^{2(c+ws)} ds.</summary>
    public static double SquareIntegral(double c, double w, double delta) =>
        delta <= 0 ? 0 : Math.Exp(2 * c) * delta * Fn.Expm1OverX(2 * w * delta);

    /// <summary>
    /// The length τ ≥ 0 with I(c, w, τ) = <paramref name="mass"/>, or +∞ when the process dies out first
    /// (w &lt; 0 and total mass e^c/|w| ≤ mass; TPPRL appendix C, Eq. 13). τ = y·log1p(x)/x with y = mass·e^{−c},
    /// x = w·y.
    /// </summary>
    public static double InverseIntegral(double c, double w, double mass)
    {
        if (!(mass > 0)) return 0;
        double y = mass * Math.Exp(-c);   // one exp per sample; log y is only needed in the overflow branch
        double x = w * y;
        if (x <= -1) return double.PositiveInfinity;
        if (double.IsPositiveInfinity(x) || x > 1e300) return (Math.Log(w) + Math.Log(mass) - c) / w;   // log1p(x) ≈ log x
        if (double.IsPositiveInfinity(y)) return double.PositiveInfinity;                 // w = 0 with e^c ≈ 0
        return y * Log1pOverX(x);
    }
}
