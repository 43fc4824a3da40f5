using System.Globalization;
using Kairos.Evaluation;
using ScottPlot;

namespace Kairos.Reports;

/// <summary>Plot of a <see cref="BudgetCurveResult"/>: the primary metric against actions per episode, one line per
/// baseline (a point per budget) and large markers for learned policies, each at its own budget. A baseline that keeps
/// its own rate whatever the budget (<see cref="Kairos.Scenarios.IScenario.UnbudgetedBaselines"/>, e.g. a toy's analytic
/// optimum) gives the same point at every budget: it is drawn once, with a dashed reference line across the plot at
/// its value and a legend entry that says so.</summary>
public static class BudgetCurvePlots
{
    public static byte[] PrimaryVsActions(BudgetCurveResult result) => Plots.Png(Build(result), legend: true);

    public static Plot Build(BudgetCurveResult result)
    {
        var plt = new Plot();
        foreach (var g in result.ByPolicy)
        {
            var points = g.OrderBy(p => p.MeanActions).ToList();
            if (result.Scenario.UnbudgetedBaselines.ContainsKey(g.Key) && points.All(p => p.Source is null))
            {
                Reference(plt, g.Key, points[0]);
                continue;
            }
            var s = plt.Add.Scatter(points.Select(p => p.MeanActions).ToArray(), points.Select(p => p.Primary).ToArray());
            s.LegendText = g.Key;
            bool learned = points.Any(p => p.Source is not null);
            s.MarkerSize = learned ? 9 : 4;
            if (learned) { s.MarkerShape = MarkerShape.FilledDiamond; s.LinePattern = LinePattern.Dotted; }
        }
        plt.Title(result.Scenario.Name);
        plt.XLabel("actions per episode");
        plt.YLabel(result.Scenario.PrimaryMetric);
        return plt;
    }

    /// <summary>One marker at the policy's own actions and a dashed line at its value, labelled once.</summary>
    private static void Reference(Plot plt, string policy, BudgetCurvePoint p)
    {
        var line = plt.Add.HorizontalLine(p.Primary);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Black.WithAlpha(0.6);
        line.LegendText = string.Create(CultureInfo.InvariantCulture,
            $"{policy}: own rate, not tuned to the budgets ({CountText.Of(p.MeanActions, "G3", "action")})");
        var marker = plt.Add.Scatter(new[] { p.MeanActions }, new[] { p.Primary });
        marker.Color = line.Color;
        marker.LineWidth = 0;
        marker.MarkerSize = 9;
        marker.MarkerShape = MarkerShape.OpenCircle;
    }
}
