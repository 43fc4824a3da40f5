using ScottPlot;

namespace Kairos.Reports;

/// <summary>Small helpers that render common plots to PNG bytes with ScottPlot (headless).</summary>
public static class Plots
{
    /// <summary>Layout size in CSS pixels; the PNG has <see cref="Scale"/>× as many pixels per side (sharp on
    /// high-density screens and when zoomed), and the report shows it at the layout size.</summary>
    public const int Width = 640, Height = 420, Scale = 2;

    /// <summary>Line plot of several named series sharing axis labels.</summary>
    public static byte[] Lines(string title, string xLabel, string yLabel,
        params (string Name, double[] X, double[] Y)[] series) => Lines(title, xLabel, yLabel, series, symlogWhenSpanning: false);

    /// <summary>Line plot; with <paramref name="symlogWhenSpanning"/>, values spanning more than
    /// <see cref="SymlogAxis.MaxLinearSpan"/>× their median magnitude go on a symmetric-log y axis.</summary>
    public static byte[] Lines(string title, string xLabel, string yLabel, (string Name, double[] X, double[] Y)[] series,
        bool symlogWhenSpanning)
    {
        var plt = new Plot();
        double? c = symlogWhenSpanning ? SymlogAxis.Threshold(series.SelectMany(s => s.Y)) : null;
        foreach (var (name, x, y) in series)
        {
            var s = plt.Add.Scatter(x, c is { } t ? y.Select(v => SymlogAxis.Transform(v, t)).ToArray() : y);
            s.LegendText = name;
            s.MarkerSize = 0;
        }
        if (c is { } threshold)
        {
            var finite = series.SelectMany(s => s.Y).Where(double.IsFinite).ToArray();
            var ticks = SymlogAxis.Ticks(finite.Min(), finite.Max(), threshold);
            plt.Axes.Left.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
            yLabel += " (symmetric log scale)";
        }
        // A named series keeps its name even alone: the legend then sits beside the data like any other.
        return Finish(plt, title, xLabel, yLabel, series.Any(s => !string.IsNullOrEmpty(s.Name)));
    }

    /// <summary>Scatter of points (markers only) plus optional reference line y = x.</summary>
    public static byte[] Points(string title, string xLabel, string yLabel, double[] x, double[] y, bool diagonal)
    {
        var plt = new Plot();
        var s = plt.Add.Scatter(x, y);
        s.LineWidth = 0;
        s.MarkerSize = 4;
        s.LegendText = "observed";
        if (diagonal && x.Length > 0)
        {
            double lo = Math.Min(x.Min(), y.Min()), hi = Math.Max(x.Max(), y.Max());
            var d = plt.Add.Line(lo, lo, hi, hi);
            d.LegendText = "y = x";
            d.LinePattern = LinePattern.Dashed;
        }
        return Finish(plt, title, xLabel, yLabel, diagonal);
    }

    /// <summary>Bar chart with one bar per label.</summary>
    public static byte[] Bars(string title, string yLabel, string[] labels, double[] values)
    {
        var plt = new Plot();
        plt.Add.Bars(values);
        BoxLabels.Apply(plt, labels, Width * 0.85);
        return Finish(plt, title, "", yLabel, false);
    }

    /// <summary>Mean actions per episode of each policy with its 95% interval (± 1.96 SE), on an axis that fits the
    /// means rather than starting at 0, so that 970 against 981 is visible; a dashed line marks <paramref name="budget"/>
    /// when the baselines were tuned to one, and points beyond 5% of the median budget are grey.</summary>
    public static byte[] ActionsWithIntervals(string title, string[] labels, double[] means, double[] standardErrors, double? budget)
    {
        var plt = new Plot();
        var off = BoxLabels.OffBudget(means);
        for (int i = 0; i < means.Length; i++)
        {
            if (!double.IsFinite(means[i])) continue;
            double half = double.IsFinite(standardErrors[i]) ? 1.96 * standardErrors[i] : 0;
            var color = off[i] ? Colors.Gray : Colors.SteelBlue;
            var point = plt.Add.Scatter(new[] { (double)i }, new[] { means[i] });
            point.Color = color;
            point.LineWidth = 0;
            point.MarkerSize = 9;
            var bar = plt.Add.ErrorBar(new[] { (double)i }, new[] { means[i] }, new[] { half });
            bar.Color = color;
        }
        if (budget is { } b)
        {
            var line = plt.Add.HorizontalLine(b);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Black.WithAlpha(0.6);
        }
        plt.Axes.SetLimitsX(-0.6, means.Length - 0.4);
        BoxLabels.Apply(plt, labels, Width * 0.85);
        string note = (budget is { } tuned ? FormattableString.Invariant($"dashed: tuned budget {tuned:G4}; ") : "") +
                      (off.Any(o => o) ? "grey: another budget" : "");
        return Finish(plt, title, note.TrimEnd(' ', ';'), "mean actions per episode (± 95% CI)", false);
    }

    /// <summary>Box plots (median, quartiles, 1.5 IQR whiskers) of several samples.</summary>
    public static byte[] Boxes(string title, string yLabel, string[] labels, double[][] samples) =>
        Boxes(title, yLabel, labels, samples, actions: null);

    /// <summary>Box plots; with <paramref name="actions"/> (mean actions per box), a box whose budget differs from the
    /// median budget by more than 5% is drawn grey, its label carries its budget, and a note under the axis says it
    /// is not comparable. Long or many labels are rotated so they never overlap.</summary>
    public static byte[] Boxes(string title, string yLabel, string[] labels, double[][] samples, double[]? actions)
    {
        var plt = new Plot();
        var offBudget = BoxLabels.OffBudget(actions);
        var boxes = new List<(Box Box, bool Off)>();
        for (int i = 0; i < samples.Length; i++)
        {
            var s = samples[i].OrderBy(v => v).ToArray();
            if (s.Length == 0) continue;
            double q1 = Quantile(s, 0.25), med = Quantile(s, 0.5), q3 = Quantile(s, 0.75), iqr = q3 - q1;
            boxes.Add((new Box
            {
                Position = i,
                BoxMin = q1, BoxMax = q3, BoxMiddle = med,
                WhiskerMin = s.Where(v => v >= q1 - 1.5 * iqr).DefaultIfEmpty(q1).Min(),
                WhiskerMax = s.Where(v => v <= q3 + 1.5 * iqr).DefaultIfEmpty(q3).Max(),
            }, offBudget.Length > i && offBudget[i]));
        }
        // One box group per colour (a group paints all its boxes alike). ScottPlot's box legend reads the first box,
        // so an empty box set cannot be rendered; say so instead.
        foreach (var group in boxes.GroupBy(b => b.Off))
            plt.Add.Boxes(group.Select(b => b.Box).ToList()).FillColor = group.Key ? OffBudgetColor : InBudgetColor;
        if (boxes.Count == 0) plt.Add.Annotation("no finite values to plot");
        var shown = labels.Select((l, i) => actions is not null && i < actions.Length
            ? BoxLabels.Label(l, actions[i], offBudget[i]) : l).ToArray();
        BoxLabels.Apply(plt, shown, Width * 0.85);
        // The note goes under the axis, not in a legend beside the data (which would halve the plot's width).
        string note = offBudget.Any(b => b) ? "grey: another budget (after @), not comparable" : "";
        return Finish(plt, title, note, yLabel, false);
    }

    private static readonly Color InBudgetColor = Colors.SteelBlue.WithAlpha(0.6), OffBudgetColor = Colors.Gray.WithAlpha(0.35);

    /// <summary>Linear-interpolated quantile of sorted data (type 7, as numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p) => Kairos.Numerics.Quantiles.Linear(sorted, p);

    private static byte[] Finish(Plot plt, string title, string xLabel, string yLabel, bool legend)
    {
        plt.Title(title);
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        return Png(plt, legend);
    }

    /// <summary>Layout pixels a right-hand legend needs, so the image widens instead of squeezing the data area.</summary>
    private static int LegendWidth(Plot plt)
    {
        int chars = plt.GetPlottables().SelectMany(p => p.LegendItems).Select(i => i.LabelText?.Length ?? 0).DefaultIfEmpty(0).Max();
        return Math.Min(440, (int)(chars * BoxLabels.CharWidth) + 60);
    }

    /// <summary>The PNG at <see cref="Scale"/>× resolution; a legend sits to the right of the data area, never on it
    /// (a legend inside hides the points that matter, e.g. where curves part).</summary>
    public static byte[] Png(Plot plt, bool legend, int width = Width, int height = Height)
    {
        if (legend)
        {
            plt.ShowLegend(Edge.Right);
            width += LegendWidth(plt);
        }
        else plt.HideLegend();   // ScottPlot draws a legend inside the data area for any labelled plottable otherwise
        plt.ScaleFactor = Scale;
        return plt.GetImageBytes(width * Scale, height * Scale, ImageFormat.Png);
    }
}
