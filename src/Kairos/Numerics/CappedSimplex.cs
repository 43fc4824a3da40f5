namespace Kairos.Numerics;

/// <summary>
/// Euclidean projection onto the capped simplex {x : Σx = total, 0 ≤ x_i ≤ cap}. By the KKT conditions the
/// projection of y is x_i = clamp(y_i − λ, 0, cap) for the λ with Σ clamp(y_i − λ, 0, cap) = total; that sum is
/// continuous, non-increasing and piecewise linear in λ with kinks at y_i − cap and y_i, so λ is found exactly by
/// sorting the 2n kinks and solving the linear piece that brackets the total (O(n log n); cf. Wang &amp; Lu 2015,
/// "Projection onto the capped simplex").
/// </summary>
public static class CappedSimplex
{
    public static double[] Project(ReadOnlySpan<double> y, double total, double cap)
    {
        int n = y.Length;
        if (n == 0) throw new ArgumentException("empty vector.", nameof(y));
        if (!(cap > 0) || !(total >= 0) || total > n * cap)
            throw new ArgumentOutOfRangeException(nameof(total), total, $"need 0 ≤ total ≤ n·cap = {n * cap} and cap > 0.");
        var kinks = new double[2 * n];
        for (int i = 0; i < n; i++) { kinks[2 * i] = y[i] - cap; kinks[2 * i + 1] = y[i]; }
        Array.Sort(kinks);
        var yy = y.ToArray();
        double Sum(double lambda)
        {
            double s = 0;
            foreach (double v in yy) s += Math.Clamp(v - lambda, 0, cap);
            return s;
        }
        // Sum(kinks[0]) = n·cap ≥ total ≥ 0 = Sum(kinks[^1]); find adjacent kinks that bracket the total.
        int lo = 0, hi = kinks.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (Sum(kinks[mid]) >= total) lo = mid; else hi = mid;
        }
        double a = kinks[lo], b = kinks[hi], sa = Sum(a), sb = Sum(b);
        double lambdaStar = sa == sb ? a : a + (sa - total) * (b - a) / (sa - sb);   // linear between kinks
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.Clamp(y[i] - lambdaStar, 0, cap);
        return x;
    }
}
