using System.Globalization;
using Kairos.Evaluation;
using ScottPlot;
using SkiaSharp;

namespace Kairos.Reports;

/// <summary>The plot of an <see cref="AdLogSizeCurveResult"/>, two panels on one log-size axis (log scale): above, each
/// planning policy's utility per held-out user with its 95% interval and the baselines as labelled horizontal reference
/// lines; below, the paired differences against plan-plugin with their 95% intervals and a zero line. The policies are
/// shifted a little sideways at each size so their intervals do not hide each other. Both panels share one fixed layout
/// (margins and legend column), so their x axes line up.</summary>
public static class AdLogSizeCurvePlots
{
    private const int PanelHeight = 360, Left = 70, Right = 300, Bottom = 48, Top = 40;
    private const double Dodge = 0.022;   // sideways shift per policy, in log10(users)

    public static byte[] Png(AdLogSizeCurveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int width = Plots.Width + Right, s = Plots.Scale;
        var panels = new[] { Levels(result), Differences(result) };
        using var surface = SKSurface.Create(new SKImageInfo(width * s, panels.Length * PanelHeight * s));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Length; i++)
        {
            var plt = panels[i];
            plt.ShowLegend(Edge.Right);
            plt.Layout.Fixed(new PixelPadding(Left, Right, Bottom, Top));
            plt.ScaleFactor = s;
            using var bitmap = SKBitmap.Decode(plt.GetImageBytes(width * s, PanelHeight * s, ImageFormat.Png));
            surface.Canvas.DrawBitmap(bitmap, 0, i * PanelHeight * s);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Upper panel: utility per user of each policy against log size, and the reference lines.</summary>
    public static Plot Levels(AdLogSizeCurveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plt = new Plot();
        var names = result.Points.SelectMany(p => p.Policies.Select(l => l.Policy)).Distinct().ToList();
        for (int k = 0; k < names.Count; k++)
        {
            var rows = result.Points.Select(p => (p.Users, Level: p.Policies.FirstOrDefault(l => l.Policy == names[k]))).Where(r => r.Level is not null).ToList();
            double offset = (k - (names.Count - 1) / 2.0) * Dodge;
            Series(plt, names[k], Colors.Category10[k % 10], rows.Select(r => Math.Log10(r.Users) + offset).ToArray(),
                rows.Select(r => r.Level!.Utility).ToArray());
        }
        var styles = new[] { (Colors.Black, LinePattern.Dashed), (Colors.Purple, LinePattern.Dashed), (Colors.Gray, LinePattern.Dotted), (Colors.Brown, LinePattern.Dotted) };
        for (int i = 0; i < result.References.Count; i++)
        {
            var r = result.References[i];
            var line = plt.Add.HorizontalLine(r.Utility.Mean);
            (line.Color, line.LinePattern) = styles[i % styles.Length];
            line.LineWidth = 1.5f;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{r.Policy} {r.Utility.Mean:F3} [{r.Utility.Lower:F3}, {r.Utility.Upper:F3}]");
        }
        XAxis(plt, result, "");
        plt.Title($"Utility per held-out user against log size (95% CI: {Sources(result)})", size: 13);
        plt.YLabel("utility per user");
        return plt;
    }

    /// <summary>Lower panel: the differences against plan-plugin with their crossed intervals, and zero.</summary>
    public static Plot Differences(AdLogSizeCurveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plt = new Plot();
        var zero = plt.Add.HorizontalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        var pairs = result.Points.SelectMany(p => p.Differences.Select(d => (d.Policy, d.Versus))).Distinct().ToList();
        var names = result.Points.SelectMany(p => p.Policies.Select(l => l.Policy)).Distinct().ToList();
        for (int k = 0; k < pairs.Count; k++)
        {
            var rows = result.Points.Select(p => (p.Users, D: p.Differences.FirstOrDefault(d => (d.Policy, d.Versus) == pairs[k]))).Where(r => r.D is not null).ToList();
            int colour = Math.Max(0, names.IndexOf(pairs[k].Policy));
            double offset = (k - (pairs.Count - 1) / 2.0) * Dodge;
            Series(plt, $"{pairs[k].Policy} − {pairs[k].Versus}", Colors.Category10[colour % 10], rows.Select(r => Math.Log10(r.Users) + offset).ToArray(),
                rows.Select(r => r.D!.Crossed).ToArray());
        }
        XAxis(plt, result, "log size (users, log scale)");
        plt.Title($"Paired difference against plan-plugin (95% CI: {Sources(result)})", size: 13);
        plt.YLabel("utility per user");
        return plt;
    }

    /// <summary>What the intervals count as random: logs and users, or with one log the users alone.</summary>
    public static string Sources(AdLogSizeCurveResult result) =>
        result.LogSeeds.Count > 1 ? $"{CountText.Of(result.LogSeeds.Count, "log")} × users" : "users, one log";

    private static void Series(Plot plt, string name, Color color, double[] x, AdCurveInterval[] y)
    {
        var line = plt.Add.Scatter(x, y.Select(v => v.Mean).ToArray());
        line.LegendText = name;
        line.Color = color;
        line.MarkerSize = 7;
        line.LineWidth = 1.5f;
        var bars = plt.Add.ErrorBar(x, y.Select(v => v.Mean).ToArray(), y.Select(v => (v.Upper - v.Lower) / 2).ToArray());   // symmetric: mean ± 1.96 s.e.
        bars.Color = color;
        bars.LineWidth = 1.5f;
    }

    private static void XAxis(Plot plt, AdLogSizeCurveResult result, string label)
    {
        var sizes = result.Points.Select(p => p.Users).ToArray();
        plt.Axes.Bottom.SetTicks(sizes.Select(n => Math.Log10(n)).ToArray(), sizes.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray());
        plt.Axes.SetLimitsX(Math.Log10(sizes.Min()) - 0.12, Math.Log10(sizes.Max()) + 0.12);
        plt.XLabel(label);
    }
}
