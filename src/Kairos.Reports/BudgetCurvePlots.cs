using Kairos.Evaluation;

namespace Kairos.Reports;

/// <summary>Plot of a <see cref="BudgetCurveResult"/>: the primary metric against actions per episode, one line per policy.</summary>
public static class BudgetCurvePlots
{
    public static byte[] PrimaryVsActions(BudgetCurveResult result) =>
        Plots.Lines(result.Scenario.Name,
            "actions per episode", result.Scenario.PrimaryMetric,
            result.ByPolicy.Select(g => (g.Key, g.Select(p => p.MeanActions).ToArray(), g.Select(p => p.Primary).ToArray())).ToArray());
}
