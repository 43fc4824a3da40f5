using ScottPlot;
using SkiaSharp;

namespace Kairos.Reports;

/// <summary>Small multiples: one bar panel per series on a grid, every panel on the same x and y ranges, so shapes
/// compare at a glance where overlaid lines would hide each other (e.g. a policy that reviews only on the last day).</summary>
public static class SmallMultiples
{
    /// <summary>Layout height of one panel in CSS pixels.</summary>
    public const int PanelHeight = 170;

    public static int Columns(int panels) => panels <= 4 ? 2 : 3;

    public static byte[] Bars(string xLabel, string yLabel, IReadOnlyList<(string Name, double[] X, double[] Y)> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("no panels to draw", nameof(panels));
        int columns = Math.Min(Columns(panels.Count), panels.Count), rows = (panels.Count + columns - 1) / columns;
        int panelWidth = Plots.Width / columns, s = Plots.Scale;
        var finite = panels.SelectMany(p => p.Y).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double yMax = Math.Max(finite.Max(), 1e-12) * 1.08;
        var xs = panels.SelectMany(p => p.X).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double xMin = xs.Min() - 0.7, xMax = xs.Max() + 0.7;
        using var surface = SKSurface.Create(new SKImageInfo(columns * panelWidth * s, rows * PanelHeight * s));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            int row = i / columns, column = i % columns;
            var plt = new Plot();
            var bars = plt.Add.Bars(panels[i].X, panels[i].Y);
            bars.Color = Colors.Category10[i % 10];
            plt.Axes.SetLimits(xMin, xMax, 0, yMax);
            plt.Title(BoxLabels.Shorten(panels[i].Name, maxChars: 24), size: 13);
            plt.XLabel(row == rows - 1 || i + columns >= panels.Count ? xLabel : "", size: 12);
            plt.YLabel(column == 0 ? yLabel : "", size: 12);
            plt.ScaleFactor = s;
            using var bitmap = SKBitmap.Decode(plt.GetImageBytes(panelWidth * s, PanelHeight * s, ImageFormat.Png));
            canvas.DrawBitmap(bitmap, column * panelWidth * s, row * PanelHeight * s);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
