using Kairos.Reports;
using ScottPlot;

namespace Kairos.Tests.Reports;

/// <summary>A legend never sits on the data: with one it goes beside the data area (the image widens), without one
/// none is drawn even though the plottables carry labels (ScottPlot shows a legend inside the axes by default).</summary>
public sealed class PlotLegendTests
{
    private static int PngWidth(byte[] png) => (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];

    [Fact]
    public void ASingleNamedSeries_GetsItsLegendBesideTheData()
    {
        var png = Plots.Lines("t", "x", "y", ("batch reward", [1.0, 2, 3], [0.1, -0.2, 0.3]));
        Assert.True(PngWidth(png) > Plots.Width * Plots.Scale, $"width {PngWidth(png)}: legend not beside the data");
    }

    [Fact]
    public void WithoutALegend_NoneIsDrawnForLabelledPlottables()
    {
        var plt = new Plot();
        plt.Add.Scatter(new[] { 1.0, 2, 3 }, new[] { 1.0, 0, 1 }).LegendText = "labelled";
        var png = Plots.Png(plt, legend: false);
        Assert.False(plt.Legend.IsVisible);
        Assert.Equal(Plots.Width * Plots.Scale, PngWidth(png));
    }
}
