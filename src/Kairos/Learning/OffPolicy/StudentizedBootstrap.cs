using Kairos.Decisions;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// The studentized (percentile-t) bootstrap over users, i.e. clusters of decisions (Efron &amp; Tibshirani 1993 §12.5;
/// Hall 1992 §3.10): resample the n users with replacement B times, compute on each resample the statistic θ* and its
/// standard error s*, and invert the bootstrap law of t* = (θ* − θ̂)/s*: the interval is
/// [θ̂ − t*_(1−α/2) ŝ, θ̂ − t*_(α/2) ŝ]. Unlike the normal interval it follows the skew of the estimator's law (for
/// importance-weighted means with heavy-tailed weights, a resample without the few large weights has a low value and
/// a small s*, so t* has a long lower tail and the interval reaches up). Resample b draws user indices
/// b·n, …, b·n + n − 1 of a counter-based stream (<see cref="DecisionRandom"/>), so the interval is a fixed function
/// of the key at any thread count. Resamples whose s* is 0 are skipped.
/// </summary>
public static class StudentizedBootstrap
{
    public const int DefaultResamples = 999;

    /// <summary>A statistic of the users weighted by their multiplicity in a resample (all ones: the sample itself):
    /// its value and standard error.</summary>
    public delegate (double Value, double StandardError) Statistic(ReadOnlySpan<int> multiplicity);

    public static (double Lower, double Upper) Interval(int users, Statistic statistic, int resamples, ulong key,
        double level = 0.95, int threads = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is not (> 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "the level must lie in (0, 1).");
        var ones = new int[users];
        Array.Fill(ones, 1);
        var (value, se) = statistic(ones);
        var t = new double[resamples];
        Parallel.For(0, resamples, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var counts = new int[users];
            var random = new DecisionRandom(key, (long)b * users);
            for (int i = 0; i < users; i++) counts[random.NextInt(users)]++;
            var (v, s) = statistic(counts);
            t[b] = s > 0 ? (v - value) / s : double.NaN;
        });
        var sorted = t.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (sorted.Length == 0 || !(se > 0)) return (value, value);
        double alpha = (1 - level) / 2;
        return (value - Quantile(sorted, 1 - alpha) * se, value - Quantile(sorted, alpha) * se);
    }

    /// <summary>The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman &amp; Fan type 7).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int i = (int)Math.Floor(h);
        return i + 1 < sorted.Length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[^1];
    }

    /// <summary>The multiplicity-weighted mean of per-user values and its standard error √(Σ c (v − m)² / (n − 1) / n).</summary>
    public static (double Value, double StandardError) Mean(ReadOnlySpan<double> values, ReadOnlySpan<int> multiplicity)
    {
        double n = 0, sum = 0;
        for (int u = 0; u < values.Length; u++) { n += multiplicity[u]; sum += multiplicity[u] * values[u]; }
        double mean = sum / n, ss = 0;
        for (int u = 0; u < values.Length; u++) ss += multiplicity[u] * (values[u] - mean) * (values[u] - mean);
        return (mean, Math.Sqrt(ss / (n - 1) / n));
    }
}
