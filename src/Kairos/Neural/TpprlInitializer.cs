using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// Initial θ as in the authors' code (digest §1.4): W_h = 0.1·N(0,1) + I, W_m, W_r, W_t, b_h, v ~ N(0,1),
/// V_y = 1 (uniform marks), w = −|U(0,1)| (decaying intensity; 0 when the decay is fixed), b = +|N(0,1)|.
/// Draws come from <paramref name="rng"/> in that order.
/// <para>With an <c>initialRate</c> r (actions per time unit) the start is instead a near-Poisson policy at rate r:
/// b = ln r, w = 0 and v scaled by <see cref="PoissonStartOutputScale"/>, so λ stays within about e^{±0.3} of r
/// whatever the state (the same draws are made). This puts the initial policy at a chosen action budget — e.g. the
/// uniform baseline's — without fixing where in time or on which marks the actions go.</para>
/// </summary>
public static class TpprlInitializer
{
    /// <summary>Scale of v at a near-Poisson start: |vᵀh| ≲ 0.1·‖v‖₁ ≈ 0.3 for H = 8.</summary>
    public const double PoissonStartOutputScale = 0.1;

    public static double[] Create(TpprlLayout layout, Random rng, bool fixedZeroDecay = false, double? initialRate = null)
    {
        var theta = new double[layout.Length];
        int h = layout.Hidden;
        for (int i = 0; i < h; i++)
            for (int j = 0; j < h; j++)
                theta[layout.Wh + i * h + j] = 0.1 * Normal(rng) + (i == j ? 1 : 0);
        Fill(theta, layout.Wm, layout.EmbeddingRows * h, rng);
        Fill(theta, layout.Wr, h * layout.FeatureSize, rng);
        Fill(theta, layout.Wt, h, rng);
        if (layout.HasMarkHead) Array.Fill(theta, 1.0, layout.Vy, layout.ActionMarks * h);
        Fill(theta, layout.Bh, h, rng);
        Fill(theta, layout.V, h, rng);
        double u = rng.NextDouble();
        theta[layout.W] = fixedZeroDecay ? 0 : -u;
        theta[layout.B] = Math.Abs(Normal(rng));
        if (initialRate is { } rate)
        {
            theta[layout.B] = Math.Log(Require.Positive(rate, nameof(initialRate)));
            theta[layout.W] = 0;
            for (int i = 0; i < h; i++) theta[layout.V + i] *= PoissonStartOutputScale;
        }
        return theta;
    }

    private static void Fill(double[] theta, int offset, int count, Random rng)
    {
        for (int i = 0; i < count; i++) theta[offset + i] = Normal(rng);
    }

    /// <summary>Standard normal by Box–Muller (two uniforms per draw).</summary>
    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
