using Kairos.Environments.SpacedRepetition;
using Kairos.Simulation;

namespace Kairos.Reports;

/// <summary>Plots shared by the spaced-repetition demo steps and `kairos evaluate --report`: the share of reviews
/// falling on each day and the initial difficulty n_i(0) of the reviewed items, one series per policy.</summary>
public static class SpacedRepetitionPlots
{
    /// <summary>True when the evaluations carry the spaced-repetition metrics these plots need.</summary>
    public static bool Applies(IReadOnlyList<PolicyEvaluation> evaluations) =>
        evaluations.Count > 0 && evaluations.All(e => e.MetricNames.Contains(SpacedRepetitionMetrics.ReviewedDifficulty));

    /// <summary>Share of all recorded reviews of <paramref name="evaluation"/> on day 1..<paramref name="days"/>
    /// (day d = (d − 1, d]); episodes must have been run with recording on.</summary>
    public static double[] DailyShare(PolicyEvaluation evaluation, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var counts = new double[days];
        foreach (var e in evaluation.Episodes.SelectMany(ep => ep.Events
            ?? throw new InvalidOperationException($"episodes of '{evaluation.Policy}' were run without recording events.")))
            counts[Math.Clamp((int)Math.Ceiling(e.Time) - 1, 0, days - 1)]++;
        double total = Math.Max(counts.Sum(), 1);
        return counts.Select(c => c / total).ToArray();
    }

    /// <summary>Small multiples of <see cref="DailyShare"/>, one bar panel per policy on shared axes (overlaid lines
    /// hid each other and a last-day spike like cram's).</summary>
    public static byte[] ReviewsPerDay(IReadOnlyList<PolicyEvaluation> evaluations, int days)
    {
        var x = Enumerable.Range(1, days).Select(d => (double)d).ToArray();
        return SmallMultiples.Bars("day", "share of reviews",
            evaluations.Select(e => (e.Policy, x, DailyShare(e, days))).ToArray());
    }

    /// <summary>Box plot per policy of the per-episode mean n_i(0) of the reviewed items (episodes with no review left out).</summary>
    public static byte[] ReviewedDifficulty(IReadOnlyList<PolicyEvaluation> evaluations) =>
        Plots.Boxes("Initial difficulty n_i(0) of the reviewed items", "mean n_i(0), 1/day",
            evaluations.Select(e => e.Policy).ToArray(),
            evaluations.Select(e => e.Values(SpacedRepetitionMetrics.ReviewedDifficulty).Where(double.IsFinite).ToArray()).ToArray(),
            evaluations.Select(e => e.MeanActions).ToArray());
}
