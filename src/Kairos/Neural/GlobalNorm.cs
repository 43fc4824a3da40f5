namespace Kairos.Neural;

/// <summary>Global-norm gradient clipping (tf.clip_by_global_norm): g ← g·min(1, clip/‖g‖₂).</summary>
public static class GlobalNorm
{
    public static double Norm(ReadOnlySpan<double> g)
    {
        double s = 0;
        foreach (var x in g) s += x * x;
        return Math.Sqrt(s);
    }

    /// <summary>Clips in place and returns the norm before clipping. Throws on a non-finite gradient.</summary>
    public static double Clip(Span<double> g, double clip)
    {
        double n = Norm(g);
        if (!double.IsFinite(n))
            throw new InvalidOperationException(
                "the policy gradient is not finite (the intensity overflowed); lower the learning rate or raise --q-intensity.");
        if (n > clip && n > 0)
        {
            double scale = clip / n;
            for (int i = 0; i < g.Length; i++) g[i] *= scale;
        }
        return n;
    }
}
