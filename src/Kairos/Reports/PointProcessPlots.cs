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

    private static byte[] Finish(Plot plt, string title, string xLabel, string yLabel)
    {
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        plt.ShowLegend();
        return plt.GetImageBytes(Plots.Width, Plots.Height, ImageFormat.Png);
    }
}
