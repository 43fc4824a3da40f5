namespace Kairos.Numerics;

/// <summary>The library's one Exp(1) draw: E = −log(1 − u) for a uniform u ∈ [0, 1), through the accurate log1p so
/// small u keep their precision (E ≈ u) and u → 1 gives a large finite E. Every sampler, simulator and policy
/// takes its exponential variates from here.</summary>
public static class ExponentialDraw
{
    public static double FromUniform(double u) => -Fn.Log1p(-u);

    public static double Next(Random rng) => FromUniform(rng.NextDouble());
}
