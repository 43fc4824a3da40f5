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

    public static readonly MetricDefinition AverageRankMetric = new(AverageRank, "posts above ours", MetricDirection.LowerIsBetter,
        "(1/F·T) Σ_j ∫ r_j(t) dt: the time-averaged rank of our latest post, averaged over followers");
    public static readonly MetricDefinition RankSquaredMetric = new(RankSquared, "posts²", MetricDirection.LowerIsBetter,
        "(1/F·T) Σ_j ∫ r_j(t)² dt");
    public static readonly MetricDefinition TimeAtTopMetric = new(TimeAtTop, "fraction", MetricDirection.HigherIsBetter,
        "(1/F·T) Σ_j ∫ 1[r_j(t) < k] dt: the share of time our post is in the top k of a follower's feed");
    public static readonly MetricDefinition PostsMetric = new(Posts, "posts", MetricDirection.Neutral, "our posts in the window");

    public static IReadOnlyList<MetricDefinition> All { get; } = [AverageRankMetric, RankSquaredMetric, TimeAtTopMetric, PostsMetric];
}
