using Kairos.Simulation;

namespace Kairos.Environments.Broadcasting;

/// <summary>The metrics of a broadcasting episode, each averaged over followers and over the window (÷ F·T), from the
/// exact integrals of <see cref="FeedRanks"/> (TPPRL digest §4.3, §4.5: ∫ rank, ∫ rank², time at the top-k).</summary>
public static class BroadcastingMetrics
{
    public const string AverageRank = "avg_rank";
    public const string RankSquared = "rank2";
    public const string TimeAtTop = "time_at_top";
    public const string Posts = "posts";
    /// <summary>−avg_rank, for training a policy on the average rank (the trainer maximises).</summary>
    public const string NegativeAverageRank = "neg_avg_rank";
    /// <summary>time_at_top/top₀ − avg_rank/rank₀: both metrics in units of a reference policy's means (the
    /// environment's <see cref="BroadcastingEnvironment.BalanceScales"/>), equally weighted, for one policy that
    /// should win both.</summary>
    public const string RankAndTop = "rank_and_top";

    public static readonly MetricDefinition AverageRankMetric = new(AverageRank, "posts above ours", MetricDirection.LowerIsBetter,
        "(1/F·T) Σ_j ∫ r_j(t) dt: the time-averaged rank of our latest post, averaged over followers");
    public static readonly MetricDefinition RankSquaredMetric = new(RankSquared, "posts²", MetricDirection.LowerIsBetter,
        "(1/F·T) Σ_j ∫ r_j(t)² dt");
    public static readonly MetricDefinition TimeAtTopMetric = new(TimeAtTop, "fraction", MetricDirection.HigherIsBetter,
        "(1/F·T) Σ_j ∫ 1[r_j(t) < k] dt: the share of time our post is in the top k of a follower's feed");
    public static readonly MetricDefinition PostsMetric = new(Posts, "posts", MetricDirection.Neutral, "our posts in the window");

    public static readonly MetricDefinition NegativeAverageRankMetric = new(NegativeAverageRank, "posts above ours", MetricDirection.HigherIsBetter,
        "−avg_rank: the average rank as a reward to maximise");

    public static readonly MetricDefinition RankAndTopMetric = new(RankAndTop, "ratio", MetricDirection.HigherIsBetter,
        "time_at_top/top₀ − avg_rank/rank₀, with top₀ and rank₀ the uniform Poisson policy's means on the training windows");

    public static IReadOnlyList<MetricDefinition> All { get; } =
        [AverageRankMetric, RankSquaredMetric, TimeAtTopMetric, PostsMetric, NegativeAverageRankMetric, RankAndTopMetric];

    /// <summary>The <see cref="RankAndTop"/> reward: each metric divided by its reference mean, so that a 10% better
    /// rank and a 10% longer time at the top are worth the same.</summary>
    public static double Balanced(double averageRank, double timeAtTop, BalanceScales scales) =>
        timeAtTop / scales.TimeAtTop - averageRank / scales.AverageRank;
}
