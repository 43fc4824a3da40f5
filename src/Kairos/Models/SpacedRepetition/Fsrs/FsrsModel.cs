using Kairos.Numerics;

namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>
/// The FSRS-6 memory model (fsrs-rs 6.x, py-fsrs; formulas in shared/reference/ecosystem.md §2.1), in double precision.
/// Times are in days. A card's first review sets S = w[G−1] and D = D0(G) = w4 − e^{w5(G−1)} + 1. A later review after
/// t days, at retrievability R = (1 + factor·t/S)^(−d), sets
/// <list type="bullet">
/// <item>on a same-day review (t below <see cref="SameDay"/>): S' = S·e^{w17(G−3+w18)}·S^{−w19}, at least S for Good/Easy;</item>
/// <item>on success (G ≥ 2): S' = S·(1 + e^{w8}(11 − D)S^{−w9}(e^{w10(1−R)} − 1)·(w15 if Hard)·(w16 if Easy));</item>
/// <item>on a lapse (G = 1): S' = min(w11·D^{−w12}((S+1)^{w13} − 1)e^{w14(1−R)}, S/e^{w17·w18});</item>
/// <item>D' = w7·D0(4) + (1 − w7)·(D − w6(G−3)(10 − D)/9), clamped to [1, 10];</item>
/// </list>
/// and S' is clamped to [<see cref="MinStability"/>, <see cref="MaxStability"/>].
/// </summary>
public sealed class FsrsModel
{
    public const double MinStability = 0.001, MaxStability = 36500, MinDifficulty = 1, MaxDifficulty = 10;

    /// <summary>Elapsed days below which a review counts as same-day (fsrs-rs works in whole days: Δt = 0).</summary>
    public const double SameDay = 1;

    public FsrsModel(FsrsParameters parameters) => Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));

    public static FsrsModel Default { get; } = new(FsrsParameters.Default);

    public FsrsParameters Parameters { get; }

    /// <summary>R(t, S) = (1 + factor·t/S)^(−d); t ≤ 0 gives 1.</summary>
    public double Retrievability(double elapsed, double stability) =>
        Math.Pow(1 + Parameters.Factor * Math.Max(elapsed, 0) / stability, -Parameters.Decay);

    /// <summary>The time t at which R(t, S) = <paramref name="desiredRetention"/>: S/factor·(r^{−1/d} − 1), unrounded.</summary>
    public double IntervalAt(double stability, double desiredRetention)
    {
        Require.InRange(desiredRetention, double.Epsilon, 1, nameof(desiredRetention));
        return stability / Parameters.Factor * (Math.Pow(desiredRetention, -1 / Parameters.Decay) - 1);
    }

    /// <summary>fsrs-rs <c>next_interval</c>: <see cref="IntervalAt"/> rounded to whole days, at least 1.</summary>
    public double NextInterval(double stability, double desiredRetention) =>
        Math.Max(1, Math.Round(IntervalAt(stability, desiredRetention), MidpointRounding.AwayFromZero));

    /// <summary>D0(G) = w4 − e^{w5(G−1)} + 1 (unclamped, as mean reversion uses it).</summary>
    public double InitialDifficulty(FsrsRating rating) => Parameters[4] - Math.Exp(Parameters[5] * ((int)Check(rating) - 1)) + 1;

    /// <summary>The state after a card's first review.</summary>
    public FsrsMemoryState Initial(FsrsRating rating) => new(
        Math.Clamp(Parameters[(int)Check(rating) - 1], MinStability, MaxStability),
        Math.Clamp(InitialDifficulty(rating), MinDifficulty, MaxDifficulty));

    /// <summary>The state after a review <paramref name="elapsed"/> days after the previous one.</summary>
    public FsrsMemoryState Next(FsrsMemoryState state, double elapsed, FsrsRating rating)
    {
        Check(rating);
        double s = state.Stability, d = state.Difficulty;
        double stability = elapsed < SameDay ? ShortTermStability(s, rating)
            : rating == FsrsRating.Again ? StabilityAfterFailure(s, d, Retrievability(elapsed, s))
            : StabilityAfterSuccess(s, d, Retrievability(elapsed, s), rating);
        return new(Math.Clamp(stability, MinStability, MaxStability), NextDifficulty(d, rating));
    }

    /// <summary>S·(1 + e^{w8}(11 − D)S^{−w9}(e^{w10(1−R)} − 1)·penalty·bonus).</summary>
    public double StabilityAfterSuccess(double s, double d, double r, FsrsRating rating)
    {
        var w = Parameters;
        double hard = rating == FsrsRating.Hard ? w[15] : 1, easy = rating == FsrsRating.Easy ? w[16] : 1;
        return s * (1 + Math.Exp(w[8]) * (11 - d) * Math.Pow(s, -w[9]) * Fn.Expm1(w[10] * (1 - r)) * hard * easy);
    }

    /// <summary>min(w11·D^{−w12}((S+1)^{w13} − 1)e^{w14(1−R)}, S/e^{w17·w18}).</summary>
    public double StabilityAfterFailure(double s, double d, double r)
    {
        var w = Parameters;
        double lapse = w[11] * Math.Pow(d, -w[12]) * (Math.Pow(s + 1, w[13]) - 1) * Math.Exp(w[14] * (1 - r));
        return Math.Min(lapse, s / Math.Exp(w[17] * w[18]));
    }

    /// <summary>S·e^{w17(G−3+w18)}·S^{−w19}; the increment is at least 1 for Good and Easy.</summary>
    public double ShortTermStability(double s, FsrsRating rating)
    {
        var w = Parameters;
        double increment = Math.Exp(w[17] * ((int)rating - 3 + w[18])) * Math.Pow(s, -w[19]);
        return s * (rating >= FsrsRating.Good ? Math.Max(increment, 1) : increment);
    }

    /// <summary>Linear damping then mean reversion to D0(Easy), clamped to [1, 10].</summary>
    public double NextDifficulty(double d, FsrsRating rating)
    {
        var w = Parameters;
        double damped = d - w[6] * ((int)rating - 3) * (10 - d) / 9;
        double reverted = w[7] * InitialDifficulty(FsrsRating.Easy) + (1 - w[7]) * damped;
        return Math.Clamp(reverted, MinDifficulty, MaxDifficulty);
    }

    /// <summary>The state after a card's whole history: ratings with the elapsed days before each (the first is ignored).</summary>
    public FsrsMemoryState Replay(IReadOnlyList<FsrsRating> ratings, IReadOnlyList<double> elapsed)
    {
        if (ratings.Count == 0 || ratings.Count != elapsed.Count)
            throw new ArgumentException($"a history needs as many elapsed times as ratings (at least one); got {ratings.Count} and {elapsed.Count}.");
        var state = Initial(ratings[0]);
        for (int i = 1; i < ratings.Count; i++) state = Next(state, elapsed[i], ratings[i]);
        return state;
    }

    private static FsrsRating Check(FsrsRating rating) => rating is >= FsrsRating.Again and <= FsrsRating.Easy ? rating
        : throw new ArgumentOutOfRangeException(nameof(rating), rating, $"an FSRS rating lies in 1..4, got {(int)rating}.");
}
