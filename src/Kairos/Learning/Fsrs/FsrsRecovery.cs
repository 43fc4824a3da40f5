using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// Parameter-wise recovery of the FSRS-6 fit (a parametric bootstrap): <c>Replicates</c> independent logs are simulated
/// from known parameters (<see cref="FsrsSyntheticLog"/>), each is fitted by <see cref="FsrsFitter"/> from the FSRS-6
/// defaults, and each parameter's estimates are summarised by their mean, their spread over replicates (the standard
/// error of one fit) and the error of the mean against the truth. Replicate r draws from its own stream (seed, r), so
/// the result does not depend on the number of threads.
/// </summary>
public static class FsrsRecovery
{
    /// <summary>A non-default truth: steeper forgetting-curve decay than the defaults' 0.154, bigger success gains,
    /// harsher lapses (the truth of the fitter's tests).</summary>
    public static FsrsParameters DefaultTruth { get; } = new(
    [
        0.5, 1.5, 3.5, 10, 5.5, 1.1, 2.2, 0.02, 1.5, 0.25, 1.1, 1.2, 0.1, 0.4, 1.3, 0.4, 2.2, 0.4, 0.2, 0.1, 0.35,
    ]);

    public static FsrsRecoveryResult Run(FsrsParameters truth, int cards, int reviewsPerCard, int replicates, int seed,
        FsrsFitter fitter, int threads = -1, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(fitter);
        if (replicates < 2) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "a spread needs at least 2 replicates.");
        var fits = new FsrsFit[replicates];
        int done = 0;
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            var data = FsrsReviewSet.From(FsrsSyntheticLog.Generate(truth, cards, reviewsPerCard, new Random(StreamSeed(seed, r))));
            var scored = Enumerable.Range(0, data.Count).Select(data.IsLongTerm).ToArray();
            fits[r] = fitter.Fit(data, scored);
            progress?.Report(Interlocked.Increment(ref done), $"replicate {r + 1}");
        });
        var parameters = Enumerable.Range(0, FsrsParameters.Count).Select(j => Summarise(j, truth[j], fits.Select(f => f.Parameters[j]).ToArray())).ToList();
        return new FsrsRecoveryResult(truth, cards, reviewsPerCard, seed, fitter.L2, parameters, fits);
    }

    private static FsrsParameterRecovery Summarise(int j, double truth, double[] estimates)
    {
        int n = estimates.Length;
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (n - 1));
        var (low, high) = FsrsParameters.Bounds[j];
        double atBound = estimates.Count(e => e <= low + 1e-9 * (1 + Math.Abs(low)) || e >= high - 1e-9 * (1 + Math.Abs(high))) / (double)n;
        double rmse = Math.Sqrt(estimates.Average(e => (e - truth) * (e - truth)));
        return new FsrsParameterRecovery(j, truth, mean, sd, rmse, atBound, FsrsFitter.ParameterScales[j]);
    }

    /// <summary>A 31-bit seed for replicate <paramref name="r"/> (SplitMix64 finaliser of (seed, r)).</summary>
    private static int StreamSeed(int seed, int r)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)r) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}

/// <summary>Recovery of parameter w_<see cref="Index"/>: the truth, the mean and standard deviation of the estimates over
/// replicates (SD = the standard error of one fit), their root-mean-square error against the truth, the share of fits
/// that ended on a bound, and fsrs-rs's population spread σ of the parameter (its PARAMS_STDDEV).</summary>
public sealed record FsrsParameterRecovery(int Index, double Truth, double Mean, double StandardDeviation, double Rmse,
    double AtBoundShare, double PopulationScale)
{
    /// <summary>Standard error of <see cref="Mean"/>, SD/√replicates.</summary>
    public double StandardErrorOfMean(int replicates) => StandardDeviation / Math.Sqrt(replicates);

    /// <summary>Within two standard errors of one fit: |mean − truth| ≤ 2 SD.</summary>
    public bool WithinTwoSd => Math.Abs(Mean - Truth) <= 2 * StandardDeviation;

    /// <summary>Weakly identified: one fit's RMSE exceeds a quarter of the parameter's population spread σ (the log barely
    /// narrows it down compared with how much it varies between users), or half the fits end on a bound.</summary>
    public bool WeaklyIdentified => Rmse > 0.25 * PopulationScale || AtBoundShare >= 0.5;
}

public sealed record FsrsRecoveryResult(FsrsParameters Truth, int Cards, int ReviewsPerCard, int Seed, double L2,
    IReadOnlyList<FsrsParameterRecovery> Parameters, IReadOnlyList<FsrsFit> Fits)
{
    public int Replicates => Fits.Count;
}
