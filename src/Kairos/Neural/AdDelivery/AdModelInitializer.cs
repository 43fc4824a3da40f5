namespace Kairos.Neural.AdDelivery;

/// <summary>
/// Initial θ for the user model: W_h = 0.5·I + N(0, 0.1²) (a slowly forgetting state), embeddings, W_r, W_t and b_h
/// ~ N(0, 0.5²), head weights ~ N(0, 0.1²); the head biases start at the data's marginal laws: b_τ = 0 (λ = T₀,
/// c = k = 1, a log-logistic gap with median T₀), b_y = ln of the type frequencies, b_μ = the mean ln value per
/// mark and s = ln of its standard deviation. Draws come from <paramref name="rng"/> in layout order.
/// </summary>
public static class AdModelInitializer
{
    public static double[] Create(AdModelLayout layout, Random rng, ReadOnlySpan<double> typeFrequencies = default,
        ReadOnlySpan<double> logValueMeans = default, ReadOnlySpan<double> logValueSds = default)
    {
        var theta = new double[layout.Length];
        var cell = layout.Cell;
        int h = layout.Hidden;
        for (int i = 0; i < cell.CellLength; i++) theta[i] = 0.5 * Normal(rng);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < h; j++)
                theta[cell.Wh + i * h + j] = 0.1 * Normal(rng) + (i == j ? 0.5 : 0);
        for (int i = cell.CellLength; i < layout.Length; i++) theta[i] = 0.1 * Normal(rng);
        for (int r = 0; r < AdModelLayout.TimeOutputs; r++) theta[layout.TimeB + r] = 0;
        for (int c = 0; c < layout.Types; c++)
        {
            theta[layout.TypeB + c] = typeFrequencies.IsEmpty ? 0 : Math.Log(Math.Max(typeFrequencies[c], 1e-6));
            theta[layout.TypeU + c] = 0;
        }
        for (int m = 0; m < layout.FeedbackMarks; m++)
        {
            theta[layout.ValueB + m] = logValueMeans.IsEmpty ? 0 : logValueMeans[m];
            theta[layout.ValueS + m] = logValueSds.IsEmpty ? 0 : Math.Log(Math.Clamp(logValueSds[m], 0.01, 10));
        }
        return theta;
    }

    /// <summary>Standard normal by Box–Muller (two uniforms per draw).</summary>
    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
