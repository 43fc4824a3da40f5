namespace Kairos.Numerics;

/// <summary>Sample quantiles of sorted data by linear interpolation (Hyndman–Fan type 7, numpy's default).</summary>
public static class Quantiles
{
    public static double Linear(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
