using Kairos.Numerics;

namespace Kairos.Policies;

/// <summary>
/// Expected test recall of one item whose k reviews all fall just before T (the oracle's per-item return g(k)).
/// Issue 5 states g(k) = exp(−τ n(0)(1−α)^k). Two corrections make it match the simulated student:
/// an item never reviewed was last seen at t = 0, so g(0) = exp(−(T+τ) n(0)) (not exp(−τ n(0)));
/// and the first late review comes after T days of forgetting (recall e^{−n(0)T} ≈ 0), so it is almost surely
/// forgotten and multiplies n by 1 + β, after which the quick follow-ups are recalled:
/// g(k) = exp(−τ n(0)(1+β)(1−α)^{k−1}) for k ≥ 1. Set <see cref="Literal"/> to use the formula as stated.
/// </summary>
/// <param name="Alpha">α ∈ [0, 1).</param>
/// <param name="Beta">β ≥ 0.</param>
/// <param name="TestDelay">τ, days.</param>
/// <param name="Horizon">T, days.</param>
/// <param name="Literal">Use exp(−τ n(0)(1−α)^k) for every k (issue 5's formula).</param>
public sealed record LateReviewGain(double Alpha, double Beta, double TestDelay, double Horizon, bool Literal = false)
{
    public double Alpha { get; } = Alpha is >= 0 and < 1 ? Alpha : throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie in [0, 1).");
    public double Beta { get; } = Require.NonNegative(Beta, nameof(Beta));
    public double TestDelay { get; } = Require.NonNegative(TestDelay, nameof(TestDelay));
    public double Horizon { get; } = Require.NonNegative(Horizon, nameof(Horizon));

    /// <summary>g(k) for an item of initial rate <paramref name="initialRate"/> given <paramref name="reviews"/> late reviews.</summary>
    public double Value(double initialRate, int reviews)
    {
        if (Literal) return Math.Exp(-TestDelay * initialRate * Math.Pow(1 - Alpha, reviews));
        if (reviews == 0) return Math.Exp(-(Horizon + TestDelay) * initialRate);
        return Math.Exp(-TestDelay * initialRate * (1 + Beta) * Math.Pow(1 - Alpha, reviews - 1));
    }
}
