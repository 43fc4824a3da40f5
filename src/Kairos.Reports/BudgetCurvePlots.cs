using Kairos.Evaluation;
using ScottPlot;

namespace Kairos.Reports;

/// <summary>Plot of a <see cref="BudgetCurveResult"/>: the primary metric against actions per episode, one line per
/// baseline (a point per budget) and large markers for learned policies, each at its own budget.</summary>
public static class BudgetCurvePlots
{
    public static byte[] PrimaryVsActions(BudgetCurveResult result)
    {
        var plt = new Plot();
        foreach (var g in result.ByPolicy)
        {
            var points = g.OrderBy(p => p.MeanActions).ToList();
            var s = plt.Add.Scatter(points.Select(p => p.MeanActions).ToArray(), points.Select(p => p.Primary).ToArray());
            s.LegendText = g.Key;
            bool learned = points.Any(p => p.Source is not null);
            s.MarkerSize = learned ? 9 : 4;
            if (learned) { s.MarkerShape = MarkerShape.FilledDiamond; s.LinePattern = LinePattern.Dotted; }
        }
        plt.Title(result.Scenario.Name);
        plt.XLabel("actions per episode");
        plt.YLabel(result.Scenario.PrimaryMetric);
        return Plots.Png(plt, legend: true);
    }
}
