namespace Kairos.Evaluation;

/// <summary>Mean and standard error of a per-episode metric, and of its paired difference between two policies run on
/// the same episodes (episode i is the same user for every policy, so the difference's SE is sd(a_i − b_i)/√n, usually
/// far below the unpaired √(SE_a² + SE_b²)). Non-finite episodes are dropped (pairwise for differences).</summary>
public readonly record struct MeanWithError(double Mean, double StandardError, int Count)
{
    public static MeanWithError Of(IEnumerable<double> values)
    {
        var x = values.Where(double.IsFinite).ToArray();
        if (x.Length == 0) return new(double.NaN, double.NaN, 0);
        double mean = x.Average();
        if (x.Length == 1) return new(mean, double.NaN, 1);
        double ss = x.Sum(v => (v - mean) * (v - mean));
        return new(mean, Math.Sqrt(ss / (x.Length - 1) / x.Length), x.Length);
    }

    /// <summary>a_i − b_i over the episodes where both are finite; the two lists must be paired (same length).</summary>
    public static MeanWithError Paired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired samples need equal lengths, got {a.Count} and {b.Count}", nameof(b));
        return Of(a.Zip(b, (x, y) => double.IsFinite(x) && double.IsFinite(y) ? x - y : double.NaN));
    }
}
