namespace Kairos.Neural;

/// <summary>The TPPRL recurrent cell and output heads, evaluated on a flat θ laid out by <see cref="TpprlLayout"/>.</summary>
public static class TpprlCell
{
    /// <summary>h_k = tanh(W_m[x] + W_h h_{k−1} + W_r z + W_t Δ + b_h) (TPPRL digest §1.1). <paramref name="next"/>
    /// must not overlap <paramref name="previous"/>.</summary>
    public static void Step(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> previous, int input,
        ReadOnlySpan<double> z, double delta, Span<double> next)
    {
        int h = layout.Hidden, f = layout.FeatureSize;
        var wm = theta.Slice(layout.Wm + input * h, h);
        var wt = theta.Slice(layout.Wt, h);
        var bh = theta.Slice(layout.Bh, h);
        if (next.Length < h) throw new ArgumentException($"next has length {next.Length}, expected {h}.", nameof(next));
        for (int i = 0; i < h; i++)
        {
            double a = wm[i] + bh[i] + wt[i] * delta + SmallVector.Dot(theta.Slice(layout.Wh + i * h, h), previous);
            if (f > 0) a += SmallVector.Dot(theta.Slice(layout.Wr + i * f, f), z);
            next[i] = a;
        }
        VectorTanh.InPlace(next[..h]);
    }

    /// <summary>c = vᵀh + b, the log-intensity right after the event that produced h.</summary>
    public static double LogIntensity(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state)
    {
        return theta[layout.B] + SmallVector.Dot(theta.Slice(layout.V, layout.Hidden), state);
    }

    /// <summary>Mark logits ℓ = V_y h (length A).</summary>
    public static void MarkLogits(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state, Span<double> logits)
    {
        int h = layout.Hidden;
        for (int m = 0; m < layout.ActionMarks; m++)
            logits[m] = SmallVector.Dot(theta.Slice(layout.Vy + m * h, h), state);
    }

    /// <summary>V_yᵀ (H×A) of θ.</summary>
    public static double[] TransposeMarkHead(ReadOnlySpan<double> theta, TpprlLayout layout)
    {
        if (!layout.HasMarkHead) return [];
        int h = layout.Hidden, a = layout.ActionMarks;
        var t = new double[h * a];
        for (int m = 0; m < a; m++)
            for (int j = 0; j < h; j++) t[j * a + m] = theta[layout.Vy + m * h + j];
        return t;
    }

    /// <summary>Inverse CDF of a categorical law given by its probabilities at uniform <paramref name="u"/>.</summary>
    public static int SampleFromProbabilities(ReadOnlySpan<double> p, double u)
    {
        double acc = 0;
        for (int m = 0; m < p.Length; m++)
        {
            acc += p[m];
            if (u < acc) return m;
        }
        for (int m = p.Length - 1; m > 0; m--) if (p[m] > 0) return m;   // rounding left u ≥ Σp
        return 0;
    }
}
