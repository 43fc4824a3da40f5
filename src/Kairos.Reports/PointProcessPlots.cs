using ScottPlot;

namespace Kairos.Reports;

/// <summary>Point-process figures for reports: intensity curves with an event rug, and time-rescaling QQ plots of
/// several models on one set of axes (PNG bytes, like <see cref="Plots"/>).</summary>
public static class PointProcessPlots
{
    /// <summary>Intensity curves over time (e.g. true vs fitted) with the events drawn as a rug at λ = 0.</summary>
    public static byte[] IntensityWithRug(string title, string timeLabel, double[] events,
        params (string Name, double[] Time, double[] Intensity)[] curves)
    {
        var plt = new Plot();
        foreach (var (name, x, y) in curves)
        {
            var s = plt.Add.Scatter(x, y);
            s.LegendText = name;
            s.MarkerSize = 0;
        }
        if (events.Length > 0)
        {
            var rug = plt.Add.Scatter(events, new double[events.Length]);
            rug.LineWidth = 0;
            rug.MarkerShape = MarkerShape.VerticalBar;
            rug.MarkerSize = 12;
            rug.LegendText = "events";
        }
        return Finish(plt, title, timeLabel, "intensity λ(t)");
    }

    /// <summary>QQ plot of several samples against Exp(1) quantiles (pairs from the time-rescaling theorem),
    /// with the diagonal y = x.</summary>
    public static byte[] QuantileQuantile(string title, params (string Name, double[] Theoretical, double[] Empirical)[] series)
    {
        var plt = new Plot();
        double hi = 0;
        foreach (var (name, x, y) in series)
        {
            if (x.Length == 0) continue;
            var s = plt.Add.Scatter(x, y);
            s.LegendText = name;
            s.LineWidth = 0;
            s.MarkerSize = 3;
            hi = Math.Max(hi, Math.Max(x.Max(), y.Max()));
        }
        var d = plt.Add.Line(0, 0, hi, hi);
        d.LegendText = "y = x";
        d.LinePattern = LinePattern.Dashed;
        return Finish(plt, title, "Exp(1) quantile", "rescaled gap quantile");
    }

    /// <summary>Fitted against true parameter values, one colour per model, each estimate with a ±1.96·SE bar (95%
    /// interval; no bar when the SE is not finite), and the diagonal y = x: a bar crossing the diagonal covers the truth.</summary>
    public static byte[] FittedVsTrue(string title, params (string Name, double[] True, double[] Fitted, double[] StandardError)[] series)
    {
        var plt = new Plot();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var (name, x, y, se) in series)
        {
            if (x.Length == 0) continue;
            var s = plt.Add.Scatter(x, y);
            s.LegendText = name;
            s.LineWidth = 0;
            s.MarkerSize = 7;
            var half = se.Select(v => double.IsFinite(v) ? 1.96 * v : 0).ToArray();
            var bars = plt.Add.ErrorBar(x, y, half);
            bars.Color = s.Color;
            lo = Math.Min(lo, Math.Min(x.Min(), y.Zip(half, (a, b) => a - b).Min()));
            hi = Math.Max(hi, Math.Max(x.Max(), y.Zip(half, (a, b) => a + b).Max()));
        }
        if (double.IsFinite(lo))
        {
            var d = plt.Add.Line(lo, lo, hi, hi);
            d.LegendText = "y = x";
            d.LinePattern = LinePattern.Dashed;
            d.Color = Colors.Gray;
        }
        return Finish(plt, title, "true value", "fitted value (± 1.96 SE)");
    }

    private static byte[] Finish(Plot plt, string title, string xLabel, string yLabel)
    {
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        return Plots.Png(plt, legend: true);
    }
}
