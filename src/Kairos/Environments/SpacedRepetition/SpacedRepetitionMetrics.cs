using Kairos.Simulation;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>Metrics of a spaced-repetition episode (keys of <see cref="Simulation.EpisodeResult.Metrics"/>); the
/// reward policies maximise is <see cref="Recall"/>.</summary>
public static class SpacedRepetitionMetrics
{
    /// <summary>One binary test draw per item at T + τ, averaged over items (TPPRL's evaluation).</summary>
    public const string Recall = "recall";
    /// <summary>Mean over items of m_i(T + τ) (TPPRL's <c>--with-recall-probs</c> variant).</summary>
    public const string ExpectedRecall = "expected_recall";
    /// <summary>Mean initial difficulty n_i(0) of the reviewed items, weighted by reviews (NaN without reviews).</summary>
    public const string ReviewedDifficulty = "reviewed_difficulty";
    /// <summary>Number of reviews in (0, T].</summary>
    public const string Reviews = "reviews";
    /// <summary>Reviews / T.</summary>
    public const string ReviewsPerDay = "reviews_per_day";

    public static readonly MetricDefinition RecallMetric =
        new(Recall, "fraction of items", MetricDirection.HigherIsBetter, "items recalled at the test at T + τ (one draw per item)");

    /// <summary>The metrics with <see cref="ReviewedDifficulty"/> in <paramref name="student"/>'s difficulty unit.</summary>
    public static IReadOnlyList<MetricDefinition> For(Models.SpacedRepetition.IStudentPopulation student) =>
        student is Models.SpacedRepetition.StudentModel ? All
            : All.Select(m => m.Name == ReviewedDifficulty
                ? new MetricDefinition(ReviewedDifficulty, student.DifficultyUnit, MetricDirection.Neutral, "mean difficulty of the reviewed items, weighted by reviews")
                : m).ToList();

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        RecallMetric,
        new(ExpectedRecall, "fraction of items", MetricDirection.HigherIsBetter, "mean recall probability m_i(T + τ) over items"),
        new(ReviewedDifficulty, "1/day", MetricDirection.Neutral, "mean initial forgetting rate n_i(0) of the reviewed items"),
        new(Reviews, "reviews", MetricDirection.Neutral, "number of reviews in (0, T]"),
        new(ReviewsPerDay, "reviews/day", MetricDirection.Neutral, "reviews per day of the episode"),
    ];
}
