namespace Kairos.Reports;

/// <summary>
/// A symmetric-log y axis for curves whose values span decades (a training curve starting at −655 and then moving
/// between 0 and 1 shows as a flat line on a linear axis): y ↦ sign(y)·log₁₀(1 + |y|/c), linear near 0 (|y| ≪ c) and
/// logarithmic beyond, with c the median |y| so that the bulk of the curve keeps its shape. Ticks are labelled with
/// the original values.
/// </summary>
public static class SymlogAxis
{
    /// <summary>Largest max|y| ÷ median|y| drawn on a linear axis.</summary>
    public const double MaxLinearSpan = 100;

    /// <summary>The linear threshold c for <paramref name="values"/>, or null when a linear axis shows them well.</summary>
    public static double? Threshold(IEnumerable<double> values)
    {
        var magnitudes = values.Where(double.IsFinite).Select(Math.Abs).Order().ToArray();
        if (magnitudes.Length < 3) return null;
        double median = magnitudes[magnitudes.Length / 2], max = magnitudes[^1];
        if (!(median > 0)) return max > 0 ? max / 1000 : null;
        return max / median > MaxLinearSpan ? median : null;
    }

    public static double Transform(double y, double c) => Math.Sign(y) * Math.Log10(1 + Math.Abs(y) / c);

    /// <summary>Ticks (position on the transformed axis, label) at 0 and ±10^k over [min, max].</summary>
    public static (double Position, string Label)[] Ticks(double min, double max, double c)
    {
        var values = new List<double> { 0 };
        double top = Math.Max(Math.Abs(min), Math.Abs(max));
        for (int k = (int)Math.Floor(Math.Log10(c)); k <= (int)Math.Ceiling(Math.Log10(top)); k++)
        {
            double v = Math.Pow(10, k);
            if (v <= max) values.Add(v);
            if (-v >= min) values.Add(-v);
        }
        return values.Order().Select(v => (Transform(v, c),
            v.ToString(Math.Abs(v) >= 1000 ? "N0" : "G3", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
    }
}
