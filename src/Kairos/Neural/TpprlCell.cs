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
        for (int i = 0; i < h; i++)
        {
            double a = wm[i] + bh[i] + wt[i] * delta;
            var whRow = theta.Slice(layout.Wh + i * h, h);
            for (int j = 0; j < h; j++) a += whRow[j] * previous[j];
            if (f > 0)
            {
                var wrRow = theta.Slice(layout.Wr + i * f, f);
                for (int j = 0; j < f; j++) a += wrRow[j] * z[j];
            }
            next[i] = Math.Tanh(a);
        }
    }

    /// <summary>c = vᵀh + b, the log-intensity right after the event that produced h.</summary>
    public static double LogIntensity(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state)
    {
        var v = theta.Slice(layout.V, layout.Hidden);
        double c = theta[layout.B];
        for (int i = 0; i < v.Length; i++) c += v[i] * state[i];
        return c;
    }

    /// <summary>Writes log softmax(V_y h) into <paramref name="logProbabilities"/> (length A; log-sum-exp with the
    /// maximum subtracted).</summary>
    public static void MarkLogProbabilities(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state,
        Span<double> logProbabilities)
    {
        int h = layout.Hidden, a = layout.ActionMarks;
        double max = double.NegativeInfinity;
        for (int m = 0; m < a; m++)
        {
            var row = theta.Slice(layout.Vy + m * h, h);
            double l = 0;
            for (int j = 0; j < h; j++) l += row[j] * state[j];
            logProbabilities[m] = l;
            if (l > max) max = l;
        }
        double sum = 0;
        for (int m = 0; m < a; m++) sum += Math.Exp(logProbabilities[m] - max);
        double lse = max + Math.Log(sum);
        for (int m = 0; m < a; m++) logProbabilities[m] -= lse;
    }

    /// <summary>Inverse CDF of a categorical law given by its log-probabilities at uniform <paramref name="u"/>.</summary>
    public static int SampleMark(ReadOnlySpan<double> logProbabilities, double u)
    {
        double acc = 0;
        for (int m = 0; m < logProbabilities.Length; m++)
        {
            acc += Math.Exp(logProbabilities[m]);
            if (u < acc) return m;
        }
        for (int m = logProbabilities.Length - 1; m > 0; m--)   // rounding left u ≥ Σp: take the last non-null mark
            if (!double.IsNegativeInfinity(logProbabilities[m])) return m;
        return 0;
    }
}
