using System.Globalization;

namespace Kairos.Reports;

/// <summary>How the x labels of a box plot are laid out, and which boxes sit at another action budget than the rest
/// (a policy at 1,991 reviews beside baselines tuned to 974 is not comparable, and the plot must say so).</summary>
public static class BoxLabels
{
    /// <summary>Width of one label character in layout pixels at ScottPlot's default tick font (measured: ≈ 7 px).</summary>
    public const double CharWidth = 7;

    /// <summary>Relative distance from the median budget beyond which a box is marked as being at another budget.</summary>
    public const double BudgetTolerance = 0.05;

    /// <summary>Rotation in degrees that keeps the labels apart: 0 when each fits its slot of the data width, else 30,
    /// or 60 when even 30° would still overlap.</summary>
    public static double Rotation(IReadOnlyList<string> labels, double dataWidth)
    {
        if (labels.Count == 0) return 0;
        double slot = dataWidth / labels.Count, widest = labels.Max(l => l.Length) * CharWidth;
        if (widest <= slot * 0.9) return 0;
        // A label rotated by θ occupies its height / sin θ along the axis; 14 px is a tick label's line height.
        return 14 / Math.Sin(Math.PI / 6) <= slot * 0.9 ? 30 : 60;
    }

    /// <summary>Room below the axis, in layout pixels, for labels rotated by <paramref name="degrees"/>.</summary>
    public static float AxisHeight(IReadOnlyList<string> labels, double degrees) => degrees == 0 ? 0 :
        (float)(labels.Max(l => l.Length) * CharWidth * Math.Sin(degrees * Math.PI / 180) + 24);

    /// <summary>For each box, whether its mean actions differ from the median over all boxes by more than
    /// <see cref="BudgetTolerance"/> (relative). Null actions mean no budget is known: nothing is marked.</summary>
    public static bool[] OffBudget(IReadOnlyList<double>? actions)
    {
        if (actions is null || actions.Count == 0) return new bool[actions?.Count ?? 0];
        var finite = actions.Where(double.IsFinite).OrderBy(a => a).ToArray();
        if (finite.Length == 0) return new bool[actions.Count];
        double reference = Kairos.Numerics.Quantiles.Linear(finite, 0.5);
        return actions.Select(a => double.IsFinite(a) &&
            Math.Abs(a - reference) > BudgetTolerance * Math.Max(Math.Abs(reference), 1e-12)).ToArray();
    }

    /// <summary>Longest tick label drawn in full; longer ones keep their start and end around an ellipsis.</summary>
    public const int MaxChars = 32;

    /// <summary><paramref name="label"/> as a plot shows it: a policy file "tpprl:dir/name.tpprl.json" by its name
    /// ("tpprl:name"), then cut to <paramref name="maxChars"/> in its middle, so a long policy name never runs out of the
    /// image; the tables beside the plot keep the full name.</summary>
    public static string Shorten(string label, int maxChars = MaxChars)
    {
        int colon = label.IndexOf(':');
        if (colon > 0 && label.IndexOfAny(['/', '\\'], colon) > 0 || label.EndsWith(".json", StringComparison.Ordinal))
        {
            string file = label[(colon + 1)..], rest = "";
            int at = file.IndexOf(" @ ", StringComparison.Ordinal);
            if (at >= 0) (file, rest) = (file[..at], file[at..]);
            string name = Path.GetFileName(file);
            name = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
            int dot = name.IndexOf('.');
            label = (colon > 0 ? label[..(colon + 1)] : "") + (dot > 0 ? name[..dot] : name) + rest;
        }
        if (label.Length <= maxChars) return label;
        int head = (maxChars - 1) / 2, tail = maxChars - 1 - head;
        return label[..head] + "…" + label[^tail..];
    }

    /// <summary>Puts <paramref name="labels"/> on the bottom axis at 0, 1, …: shortened, rotated when they would overlap,
    /// with room below the axis and to the right for the last rotated label (it runs down and right from its tick).</summary>
    public static void Apply(ScottPlot.Plot plt, IReadOnlyList<string> labels, double dataWidth)
    {
        var shown = labels.Select(l => Shorten(l)).ToArray();
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, shown.Length).Select(i => (double)i).ToArray(), shown);
        double rotation = Rotation(shown, dataWidth);
        if (rotation == 0) return;
        plt.Axes.Bottom.TickLabelStyle.Rotation = (float)rotation;
        plt.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plt.Axes.Bottom.MinimumSize = AxisHeight(shown, rotation);
        double slot = dataWidth / Math.Max(shown.Length, 1);
        plt.Axes.Right.MinimumSize = (float)Math.Max(10, shown[^1].Length * CharWidth * Math.Cos(rotation * Math.PI / 180) - slot / 2 + 10);
    }

    /// <summary>The label with its mean actions when it is off budget, e.g. "tpprl (paper inputs) @ 1,991".</summary>
    public static string Label(string label, double actions, bool offBudget) => offBudget
        ? label + " @ " + actions.ToString(actions >= 100 ? "N0" : "G3", CultureInfo.InvariantCulture)
        : label;
}
