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
            throw new UserInputException(
                "training diverged: the policy gradient is not finite (the intensity or the reward overflowed); lower the learning rate " +
                "(--lr), the reward scale (--action-cost) or the start rate (--initial-rate), or raise the intensity cost (--q-intensity) " +
                "if actions run away");
        if (n > clip && n > 0)
        {
            double scale = clip / n;
            for (int i = 0; i < g.Length; i++) g[i] *= scale;
        }
        return n;
    }
}
