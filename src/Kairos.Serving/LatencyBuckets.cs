using System.Globalization;

namespace Kairos.Serving;

/// <summary>
/// Upper bounds of the latency histograms (the server's handler latency, the store's group-commit waits): 50 µs × 2^(k/4) for k = 0 … 72 (50 µs to 13.1 s), each rounded to
/// three significant digits so the `le` labels read cleanly. Neighbouring bounds differ by a factor 2^(1/4) ≈ 1.19, so
/// a quantile read from the histogram is known to within 19 % anywhere from 50 µs up (a p99 of 1.3 ms lands in
/// (1.19, 1.41] ms), and no sample above 13 s is left without an upper bound.
/// </summary>
public static class LatencyBuckets
{
    public const double FirstSeconds = 50e-6;
    public const int PerDoubling = 4, Doublings = 18;

    public static IReadOnlyList<double> Bounds => _bounds;
    private static readonly double[] _bounds = Enumerable.Range(0, Doublings * PerDoubling + 1)
        .Select(k => double.Parse((FirstSeconds * Math.Pow(2, k / (double)PerDoubling)).ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        .ToArray();

    /// <summary>The bucket of a sample: the first bound ≥ <paramref name="seconds"/>, or <c>Bounds.Count</c> (+Inf).</summary>
    public static int IndexOf(double seconds)
    {
        int i = Array.BinarySearch(_bounds, seconds);
        return i >= 0 ? i : ~i;
    }
}
