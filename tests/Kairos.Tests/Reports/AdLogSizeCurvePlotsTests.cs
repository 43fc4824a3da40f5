using Kairos.Evaluation;
using Kairos.Reports;
using ScottPlot.Plottables;

namespace Kairos.Tests.Reports;

/// <summary>The log-size curve's panels: every planner one series with an error bar per size on a log10 axis whose ticks
/// are the sizes, the baselines one labelled reference line each at their utility, and the differences drawn against a
/// zero line.</summary>
public sealed class AdLogSizeCurvePlotsTests
{
    private static AdLogSizeCurveResult Curve()
    {
        var rng = new Random(11);
        double[] U() => Enumerable.Range(0, 10).Select(_ => rng.NextDouble()).ToArray();
        var runs = new List<AdCurveRun>();
        foreach (int seed in new[] { 1, 2 })
            foreach (int n in new[] { 250, 1000, 4000 })
                runs.Add(new AdCurveRun(n, seed, new Dictionary<string, double[]> { ["plan"] = U(), ["plan-plugin"] = U(), ["plan-thompson"] = U() },
                    new Dictionary<string, double> { ["plan"] = 6, ["plan-plugin"] = 7, ["plan-thompson"] = 6.5 }));
        var baselines = new[] { "logging", "never", "oracle", "oracle-bayes" }.ToDictionary(p => p, _ => U());
        return AdLogSizeCurve.Build(baselines, baselines.Keys.ToDictionary(p => p, _ => 1.0), runs);
    }

    [Fact]
    public void Levels_HaveOneSeriesPerPlanner_AndOneLabelledLinePerBaseline()
    {
        var curve = Curve();
        var plt = AdLogSizeCurvePlots.Levels(curve);
        var lines = plt.GetPlottables().OfType<HorizontalLine>().ToList();
        Assert.Equal(curve.References.Select(r => r.Utility.Mean), lines.Select(l => l.Y));
        Assert.All(lines.Zip(curve.References), p => Assert.StartsWith(p.Second.Policy + " ", p.First.LegendText, StringComparison.Ordinal));
        Assert.Equal("2 logs × users", AdLogSizeCurvePlots.Sources(curve));
        var series = plt.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(["plan", "plan-plugin", "plan-thompson"], series.Select(s => s.LegendText));
        var planX = series[1].Data.GetScatterPoints().Select(p => p.X).ToArray();   // the middle series is not shifted
        Assert.Equal(new[] { 250, 1000, 4000 }.Select(n => Math.Log10(n)), planX);
        Assert.Equal(3, plt.GetPlottables().OfType<ErrorBar>().Count());
        plt.GetImageBytes(400, 300, ScottPlot.ImageFormat.Png);   // manual ticks are listed once laid out
        Assert.Equal(["250", "1000", "4000"], plt.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Differences_AreDrawnAgainstZero_AndThePngIsBothPanels()
    {
        var curve = Curve();
        var plt = AdLogSizeCurvePlots.Differences(curve);
        Assert.Equal(0, Assert.Single(plt.GetPlottables().OfType<HorizontalLine>()).Y);
        Assert.Equal(["plan − plan-plugin", "plan-thompson − plan-plugin"], plt.GetPlottables().OfType<Scatter>().Select(s => s.LegendText));
        var png = AdLogSizeCurvePlots.Png(curve);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((Plots.Width + 300) * Plots.Scale, bitmap.Width);
        Assert.Equal(2 * 360 * Plots.Scale, bitmap.Height);
    }
}
