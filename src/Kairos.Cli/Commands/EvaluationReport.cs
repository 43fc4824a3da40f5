using System.Globalization;
using Kairos.Evaluation;
using Kairos.Reports;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Cli.Commands;

/// <summary>The self-contained HTML report of `kairos evaluate --report`: one side-by-side table of all policies (means
/// ± SE, paired differences against the best baseline, <see cref="SideBySideTable"/>), a quartile table per policy, a box plot of the primary metric, a bar chart of mean actions and, for
/// spaced-repetition scenarios, the reviews-per-day and reviewed-difficulty plots of <see cref="SpacedRepetitionPlots"/>.</summary>
internal static class EvaluationReport
{
    public static HtmlReport Build(EvaluationResult result, bool timing = true)
    {
        var (scenario, episodes, seed, budget, results, horizon) =
            (result.Scenario, result.Episodes, result.Seed, result.Budget, result.Policies, result.Horizon);
        var report = new HtmlReport($"kairos evaluate {scenario.Name}");
        var overview = report.AddSection("Evaluation");
        overview.Paragraph(scenario.Description);
        overview.Paragraph(FormattableString.Invariant($"{CliFormat.Count(episodes, "episode")} per policy, seed {seed}; episode i is the same user for every policy. ") +
            (budget is { } b ? FormattableString.Invariant($"Baselines tuned to {b:G4} mean actions per episode.") : "Baselines at their default rates.") +
            $" Primary metric: {scenario.PrimaryMetric}{EvaluateCommand.PrimaryNote(result)}.");
        var unmatched = BudgetCheck.NotTuned(result).Concat(BudgetCheck.Unmatched(result, timing)).ToList();
        if (unmatched.Count > 0) overview.Paragraph("Budget check: " + string.Join("; ", unmatched) + ".");
        var (header, rows, reference) = SideBySideTable.Build(result);
        overview.Table(header, rows).Paragraph($"Mean ± standard error over the episodes; * primary metric. The last column is the " +
            $"paired difference in the primary metric against {reference} (the best baseline), ± its paired standard error: every " +
            "policy ran on the same episodes, so this is the comparison to read.");
        var labels = results.Select(r => r.Policy).ToArray();
        overview.Figure(Plots.Boxes(scenario.PrimaryMetric + " per episode", scenario.PrimaryMetric, labels,
            results.Select(r => r.Values(scenario.PrimaryMetric).Where(double.IsFinite).ToArray()).ToArray(),
            results.Select(r => r.MeanActions).ToArray()),
            $"Primary metric ({scenario.PrimaryMetric}) per episode: median, quartiles, 1.5 IQR whiskers.");
        var actions = results.Select(r => SummaryStatistics.Of(r.Episodes.Select(e => (double)e.Actions))).ToArray();
        overview.Figure(Plots.ActionsWithIntervals("Budget check: mean actions per episode", labels, actions.Select(a => a.Mean).ToArray(),
                actions.Select(a => a.StandardError).ToArray(), budget),
            "Mean number of actions per episode with its 95% interval; the axis fits the means, so small budget gaps show.");
        if (SpacedRepetitionPlots.Applies(results))
        {
            overview.Figure(SpacedRepetitionPlots.ReviewsPerDay(results, Math.Max(1, (int)Math.Ceiling(horizon))),
                "Share of all reviews falling on each day, one panel per policy on the same axes.");
            overview.Figure(SpacedRepetitionPlots.ReviewedDifficulty(results), "Mean initial forgetting rate of the reviewed items per episode.");
        }
        foreach (var r in results)
        {
            var metrics = r.MetricNames.OrderBy(m => m == scenario.PrimaryMetric ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
            var quartiles = new List<IReadOnlyList<string>>();
            foreach (var m in metrics)
            {
                var s = r.Summary(m);
                quartiles.Add([m == scenario.PrimaryMetric ? m + " *" : m, F(s.Median), F(s.Q1), F(s.Q3)]);
            }
            report.AddSection("Policy " + r.Policy).Table(["metric", "median", "q1", "q3"], quartiles).Paragraph("* primary metric; means are in the table above");
        }
        return report;
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
