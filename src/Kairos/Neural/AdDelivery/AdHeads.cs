namespace Kairos.Neural.AdDelivery;

/// <summary>The output heads of <see cref="AdModelLayout"/> on a state h. Raw outputs are clamped to keep the laws
/// proper and finite (c ∈ [e⁻³, e³], k ∈ [e⁻³, e⁴], σ_v ∈ [e⁻⁶, e³]); a clamped output has zero gradient.</summary>
public static class AdHeads
{
    internal const double ScaleLimit = 25, ShapeLimit = 3, TailLow = -3, TailHigh = 4, SdLow = -6, SdHigh = 3;

    /// <summary>The Burr XII law of the next gap, in log parameters, and which outputs are unclamped.</summary>
    public readonly record struct TimeLaw(double LogScale, double Shape, double Tail, bool FreeScale, bool FreeShape, bool FreeTail);

    public static TimeLaw Time(ReadOnlySpan<double> theta, AdModelLayout layout, double logTimeScale, ReadOnlySpan<double> h)
    {
        int n = layout.Hidden, w = layout.TimeW, b = layout.TimeB;
        double a0 = theta[b] + SmallVector.Dot(theta.Slice(w, n), h);
        double a1 = theta[b + 1] + SmallVector.Dot(theta.Slice(w + n, n), h);
        double a2 = theta[b + 2] + SmallVector.Dot(theta.Slice(w + 2 * n, n), h);
        return new TimeLaw(logTimeScale + Math.Clamp(a0, -ScaleLimit, ScaleLimit), Math.Exp(Math.Clamp(a1, -ShapeLimit, ShapeLimit)),
            Math.Exp(Math.Clamp(a2, TailLow, TailHigh)), Math.Abs(a0) < ScaleLimit, Math.Abs(a1) < ShapeLimit,
            a2 > TailLow && a2 < TailHigh);
    }

    /// <summary>ℓ_c = W_y[c]·h + b_y[c] + u[c]·g for the C types.</summary>
    public static void TypeLogits(ReadOnlySpan<double> theta, AdModelLayout layout, ReadOnlySpan<double> h, double gap, Span<double> logits)
    {
        int n = layout.Hidden;
        for (int c = 0; c < layout.Types; c++)
            logits[c] = theta[layout.TypeB + c] + theta[layout.TypeU + c] * gap + SmallVector.Dot(theta.Slice(layout.TypeW + c * n, n), h);
    }

    /// <summary>Mean and log standard deviation of ln(value) for feedback of mark <paramref name="mark"/>.</summary>
    public static (double Mean, double LogSd, bool FreeSd) Value(ReadOnlySpan<double> theta, AdModelLayout layout, int mark, ReadOnlySpan<double> h)
    {
        int n = layout.Hidden;
        double mean = theta[layout.ValueB + mark] + SmallVector.Dot(theta.Slice(layout.ValueW + mark * n, n), h);
        double s = theta[layout.ValueS + mark];
        return (mean, Math.Clamp(s, SdLow, SdHigh), s > SdLow && s < SdHigh);
    }

    /// <summary>Softmax of <paramref name="logits"/> into <paramref name="p"/>; returns log Σ e^ℓ.</summary>
    public static double Softmax(ReadOnlySpan<double> logits, Span<double> p)
    {
        double max = double.NegativeInfinity;
        foreach (double l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int c = 0; c < logits.Length; c++) sum += p[c] = Math.Exp(logits[c] - max);
        for (int c = 0; c < logits.Length; c++) p[c] /= sum;
        return max + Math.Log(sum);
    }
}
