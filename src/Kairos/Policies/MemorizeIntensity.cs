using Kairos.Numerics;

namespace Kairos.Policies;

/// <summary>
/// MEMORIZE's per-item review intensity (Tabibian et al., PNAS 2019): u(t) = q^{−1/2}(1 − m(t)) with
/// m(t) = exp(−n Δ), Δ = t − t_last, n frozen between the item's reviews. With r = q^{−1/2} (reviews per day at
/// m = 0) the intensity is r(1 − e^{−nΔ}) and its compensator has the closed form
/// Λ(Δ) = r(Δ − (1 − e^{−nΔ})/n) = r(Δ + expm1(−nΔ)/n). A gap is sampled exactly as Λ⁻¹(E), E ~ Exp(1)
/// (inverse-compensator sampling; the style guide's Λ⁻¹(E)).
/// </summary>
public static class MemorizeIntensity
{
    /// <summary>u(Δ) = r(1 − e^{−nΔ}) = −r·expm1(−nΔ); 0 for Δ ≤ 0.</summary>
    public static double Intensity(double rate, double forgetting, double elapsed) =>
        elapsed <= 0 ? 0 : -rate * Fn.Expm1(-forgetting * elapsed);

    /// <summary>Λ(Δ) = (r/n)·φ(nΔ) with φ(x) = x + e^{−x} − 1 = x + expm1(−x).</summary>
    public static double CumulativeIntensity(double rate, double forgetting, double elapsed) =>
        elapsed <= 0 ? 0 : rate / forgetting * Phi(forgetting * elapsed);

    /// <summary>Λ⁻¹(y): the Δ with Λ(Δ) = y (y ≥ 0), i.e. x = nΔ solves φ(x) = n y / r.</summary>
    public static double InverseCumulativeIntensity(double rate, double forgetting, double y)
    {
        if (!(y > 0)) return 0;
        if (double.IsPositiveInfinity(y)) return y;
        return InversePhi(forgetting * y / rate) / forgetting;
    }

    /// <summary>An exact draw of the time to the next review of an item reviewed "now".</summary>
    public static double SampleGap(double rate, double forgetting, Random rng) =>
        InverseCumulativeIntensity(rate, forgetting, ExponentialDraw.Next(rng));

    /// <summary>φ(x) = x + e^{−x} − 1, with its Taylor series for small x where the sum cancels.</summary>
    internal static double Phi(double x)
    {
        if (x < 1e-3) return x * x * (0.5 - x * (1.0 / 6 - x * (1.0 / 24 - x / 120)));
        return x + Fn.Expm1(-x);
    }

    /// <summary>
    /// φ⁻¹(c) for c ≥ 0. φ is increasing and convex on [0, ∞), so Newton from a point with φ(x) ≥ c converges
    /// monotonically from the right. Start from min(c + 1, √(2c) + c): φ(c + 1) = e^{−c−1} + c ≥ c, and
    /// φ(√(2c)+c) ≥ c as well since φ(x) ≥ x²/2 − x³/6 and φ(x) ≥ x − 1.
    /// (Closed form: x = 1 + c + W₀(−e^{−1−c}), Lambert W; Newton avoids W's loss of precision near the branch point.)
    /// </summary>
    internal static double InversePhi(double c)
    {
        if (c <= 0) return 0;
        double x = c < 1e-8 ? Math.Sqrt(2 * c) * (1 + Math.Sqrt(2 * c) / 6) : Math.Min(c + 1, Math.Sqrt(2 * c) + c);
        for (int k = 0; k < 100; k++)
        {
            double f = Phi(x) - c, slope = -Fn.Expm1(-x);   // φ'(x) = 1 − e^{−x}
            if (!(slope > 0)) break;
            double step = f / slope, next = x - step;
            if (!(next > 0)) next = x / 2;
            if (Math.Abs(next - x) <= 1e-15 * x) { x = next; break; }
            x = next;
        }
        return x;
    }
}
