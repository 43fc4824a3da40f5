using Kairos.Evaluation;
using Kairos.Reports;
using Kairos.Scenarios;
using Kairos.Tests.Cli;
using ScottPlot.Plottables;

namespace Kairos.Tests.Reports;

/// <summary>A baseline that keeps its own rate at every budget (toy-counting's analytic optimum) is one reference line
/// with a legend entry that says so, not a curve of identical points; budget-tuned baselines stay curves.</summary>
public sealed class BudgetCurvePlotsTests
{
    [Fact]
    public void AnUntunedBaseline_IsOneLabelledReferenceLine_AndTunedOnesAreCurves()
    {
        var result = BudgetCurve.Run(new CountingScenario(), ["poisson", "optimal"], [5, 10, 20], seed: 3, episodes: 20);
        var plt = BudgetCurvePlots.Build(result);

        var optimal = result.Points.Where(p => p.Policy == "optimal").ToList();
        Assert.Equal(3, optimal.Count);
        Assert.Single(optimal.Select(p => p.Primary).Distinct());   // the same users and rate at every budget: one point
        var line = Assert.Single(plt.GetPlottables().OfType<HorizontalLine>());
        Assert.Equal(optimal[0].Primary, line.Y);
        var labels = plt.GetPlottables().SelectMany(p => p.LegendItems).Select(i => i.LabelText).Where(t => !string.IsNullOrEmpty(t)).ToList();
        Assert.Equal(2, labels.Count);
        Assert.Contains("poisson", labels);
        Assert.Contains(labels, t => t.StartsWith("optimal: own rate, not tuned to the budgets (", StringComparison.Ordinal) && t.EndsWith(" actions)", StringComparison.Ordinal));
        var curves = plt.GetPlottables().OfType<Scatter>().Select(s => s.Data.GetScatterPoints().Count).Order().ToList();
        Assert.Equal([1, 3], curves);   // optimal's one marker, poisson's three budgets
        Assert.True(BudgetCurvePlots.PrimaryVsActions(result).Length > 1000);
    }

    [Fact]
    public void TheTable_SaysOnceThatTheOptimumKeepsItsOwnRate()
    {
        var r = CliRunner.Run("budget-curve", "toy-counting", "--budgets", "5,10", "--episodes", "5", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("optimal is not tuned to the budgets (", r.Stdout);
        Assert.Contains("keeps its own rate 2", r.Stdout);
    }
}
