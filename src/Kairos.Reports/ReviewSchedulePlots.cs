using System.Globalization;
using Kairos.Evaluation;
using ScottPlot;
using SkiaSharp;

namespace Kairos.Reports;

/// <summary>Small multiples of a <see cref="ReviewScheduleResult"/>, one panel per policy on shared axes: reviews per
/// student on each day, and reviews per student of each item against the item's difficulty.</summary>
public static class ReviewSchedulePlots
{
    private const int PanelWidth = 330, PanelHeight = 230, Columns = 3, TitleHeight = 50;

    public static byte[] PerDay(ReviewScheduleResult r)
    {
        double top = r.Policies.SelectMany(p => p.PerDay).DefaultIfEmpty(1).Max() * 1.08;
        return Grid($"{r.Scenario.Name}: reviews per student on each day", BudgetText(r), r.Policies.Select(p =>
        {
            var plt = new Plot();
            var bars = plt.Add.Bars(Enumerable.Range(1, p.PerDay.Length).Select(d => (double)d).ToArray(), p.PerDay);
            bars.Color = Colors.SteelBlue;
            plt.Axes.SetLimits(0.3, p.PerDay.Length + 0.7, 0, top > 0 ? top : 1);
            return Panel(plt, Inv($"{p.Policy} ({CountText.Of(p.MeanReviews, "F0", "review")})"), "day", "reviews / student");
        }).ToList());
    }

    public static byte[] PerItem(ReviewScheduleResult r)
    {
        double top = r.Policies.SelectMany(p => p.PerItem).DefaultIfEmpty(1).Max() * 1.08;
        double lo = r.ItemDifficulty.Min(), hi = r.ItemDifficulty.Max(), pad = Math.Max(hi - lo, 1e-9) * 0.05;
        return Grid($"{r.Scenario.Name}: reviews per student of each item against its difficulty", BudgetText(r), r.Policies.Select(p =>
        {
            var plt = new Plot();
            var s = plt.Add.Scatter(r.ItemDifficulty, p.PerItem);
            s.LineWidth = 0;
            s.MarkerSize = 5;
            s.Color = Colors.DarkOrange;
            plt.Axes.SetLimits(lo - pad, hi + pad, 0, top > 0 ? top : 1);
            string rho = double.IsFinite(p.DifficultyRankCorrelation) ? Inv($"ρ = {p.DifficultyRankCorrelation:F2}") : "ρ n/a";
            return Panel(plt, $"{p.Policy} ({rho})", r.DifficultyUnit, "reviews / student");
        }).ToList());
    }

    private static string BudgetText(ReviewScheduleResult r) =>
        r.Budget is { } b ? Inv($"baselines tuned to {CountText.Of(b, "G4", "review")} per student; means over {CountText.Of(r.Episodes, "student")}, seed {r.Seed}") : Inv($"means over {CountText.Of(r.Episodes, "student")}, seed {r.Seed}");

    private static byte[] Panel(Plot plt, string title, string x, string y)
    {
        plt.Title(title, size: 13);
        plt.XLabel(x, size: 11);
        plt.YLabel(y, size: 11);
        return Plots.Png(plt, legend: false, PanelWidth, PanelHeight);
    }

    /// <summary>Panels (PNG bytes at <see cref="Plots.Scale"/>×) in a grid under one title, as one PNG.</summary>
    private static byte[] Grid(string title, string subtitle, IReadOnlyList<byte[]> panels)
    {
        int s = Plots.Scale, cols = Math.Min(Columns, Math.Max(panels.Count, 1)), rows = (panels.Count + cols - 1) / cols;
        int w = cols * PanelWidth * s, h = (TitleHeight + Math.Max(rows, 1) * PanelHeight) * s;
        using var surface = SKSurface.Create(new SKImageInfo(w, h));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 15 * s);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, w / 2f, 20 * s, SKTextAlign.Center, font, paint);
        using var small = new SKFont(SKTypeface.Default, 12 * s);
        canvas.DrawText(subtitle, w / 2f, 40 * s, SKTextAlign.Center, small, paint);
        for (int k = 0; k < panels.Count; k++)
        {
            using var bitmap = SKBitmap.Decode(panels[k]);
            canvas.DrawBitmap(bitmap, k % cols * PanelWidth * s, (TitleHeight + k / cols * PanelHeight) * s);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
