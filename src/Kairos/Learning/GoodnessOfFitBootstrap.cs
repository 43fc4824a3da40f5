using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Learning;

/// <summary>
/// Parametric-bootstrap p-value of the time-rescaling KS statistic when the parameters were fitted on the same data
/// (the plug-in p-value then runs high, as in Lilliefors' test). Replicate b simulates every history from the fitted
/// model over the same windows with the generator <see cref="SeedSequence.Stream"/>(seed, b), refits the family with
/// the same fitter, and computes the KS statistic D_b of its own time-rescaled residuals (Efron &amp; Tibshirani 1993,
/// §16; Davison &amp; Hinkley 1997, §4.2): p = (1 + #{D_b ≥ D_obs}) / (N + 1). Replicates run in parallel; each depends
/// only on its index, so the result does not depend on the thread count. A replicate whose refit fails (e.g. no
/// events were simulated) counts as an exceedance, which keeps p conservative, and is reported.
/// </summary>
public static class GoodnessOfFitBootstrap
{
    /// <param name="fit">The fit to the observed data (its family and estimates define the simulated model).</param>
    /// <param name="horizons">The observation windows [0, T_h] of the observed histories, one per history.</param>
    /// <param name="observedStatistic">D_obs, the KS statistic of the observed data under <paramref name="fit"/>.</param>
    public static GoodnessOfFitBootstrapResult Run(FitResult fit, IReadOnlyList<double> horizons, double observedStatistic,
        int replicates, int seed, PointProcessFitOptions? options = null, IProgressSink? progress = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(fit);
        Require.Positive(replicates, nameof(replicates));
        if (horizons.Count == 0) throw new ArgumentException("need at least one history window.", nameof(horizons));
        if (!(observedStatistic >= 0 && observedStatistic <= 1))
            throw new ArgumentOutOfRangeException(nameof(observedStatistic), observedStatistic, "a KS statistic lies in [0, 1].");
        var model = fit.Model;
        var statistics = new double[replicates];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, replicates, parallel, b =>
        {
            statistics[b] = Replicate(model, fit.Family, horizons, SeedSequence.Stream(seed, b), options);
            int finished = Interlocked.Increment(ref done);
            if (progress is not null) lock (progress) progress.Report(finished);
        });
        int failed = statistics.Count(double.IsNaN);
        int exceed = statistics.Count(d => double.IsNaN(d) || d >= observedStatistic);
        return new GoodnessOfFitBootstrapResult(observedStatistic, (1.0 + exceed) / (replicates + 1), replicates, exceed, failed, seed);
    }

    /// <summary>D_b of one simulated data set, or NaN when it cannot be refitted.</summary>
    private static double Replicate(IPointProcessModel model, PointProcessFamily family, IReadOnlyList<double> horizons, Random rng,
        PointProcessFitOptions? options)
    {
        var histories = horizons.Select(t => model.Simulate(t, rng)).ToList();
        if (histories.All(h => h.Length == 0)) return double.NaN;
        try
        {
            var refit = new PointProcessFitter(options).Fit(family, histories, horizons);
            var d = GoodnessOfFit.TimeRescalingTest(refit.Model, histories, horizons).Statistic;
            return double.IsFinite(d) ? d : double.NaN;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            return double.NaN;   // a degenerate simulated data set (too few events, ties for heavytail, …)
        }
    }
}
