namespace Kairos.Environments.SpacedRepetition;

/// <summary>Metric names of a spaced-repetition episode (keys of <see cref="Simulation.EpisodeResult.Metrics"/>).</summary>
public static class SpacedRepetitionMetrics
{
    /// <summary>= recall: the quantity policies maximise.</summary>
    public const string Reward = "reward";
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
}
