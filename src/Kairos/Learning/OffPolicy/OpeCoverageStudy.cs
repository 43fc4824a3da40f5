using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// How often off-policy intervals contain the truth. Repetition r simulates a fresh log of
/// <see cref="Settings.LogUsers"/> users under the logging policy (seed + 1 + r), estimates the target policy's mean
/// utility per user with every estimator, and records whether each 95% interval contains the true value: the target's
/// mean utility on <see cref="Settings.TruthUsers"/> other simulated users (seed, users from 2^30 on, so never in a
/// log). A valid estimator covers in ≈ 95% of repetitions; the check <see cref="Passes"/> asks for at least a given
/// share. Deterministic given the seed at any thread count.
/// </summary>
public static class OpeCoverageStudy
{
    public sealed record Settings(int Reps, int LogUsers, int TruthUsers, int Seed, int Threads = -1);

    /// <summary>An estimator of the target's mean utility from one repetition: the log, its true per-user utility under
    /// the logging policy, and the standard estimates (IPS, SNIPS, DR with the linear direct method).</summary>
    public delegate OffPolicyEstimate Estimator(AdLogSet log, double[] loggedUtility, OffPolicyEstimators.Result standard);

    public sealed record NamedEstimator(string Name, Estimator Estimate);

    /// <summary>One estimator over the repetitions: how often its interval covered the truth, and when it did not, on
    /// which side the truth lay (MissedLow: the interval lay below it); the mean estimate and half-width; the RMSE, the
    /// standard deviation of the estimates across repetitions and the mean of their standard errors (a standard error
    /// far below that deviation is a variance estimate that misses the law's tail).</summary>
    public sealed record Row(string Name, int Covered, int Reps, double MeanEstimate, double MeanHalfWidth, double RootMeanSquareError,
        int MissedLow = 0, int MissedHigh = 0, double EstimateStandardDeviation = 0, double MeanStandardError = 0)
    {
        public double Coverage => (double)Covered / Reps;
    }

    public sealed record Result(double Truth, double TruthStandardError, IReadOnlyList<Row> Rows);

    /// <summary>IPS, SNIPS and DR with studentized-bootstrap intervals, the same with normal intervals, and the logged
    /// mean (the naive estimate that ignores the policy change: it should fail the check whenever the target differs
    /// from the logging policy).</summary>
    public static IReadOnlyList<NamedEstimator> Standard { get; } =
    [
        new("ips", (_, _, s) => s.Ips),
        new("snips", (_, _, s) => s.Snips),
        new("dr", (_, _, s) => s.Dr!),
        new("ips-normal", (_, _, s) => s.Ips.WithNormalInterval()),
        new("snips-normal", (_, _, s) => s.Snips.WithNormalInterval()),
        new("dr-normal", (_, _, s) => s.Dr!.WithNormalInterval()),
        new("logged-mean", (_, u, s) => LoggedMean(u, s.Ips.EffectiveSampleSize)),
    ];

    public static Result Run(AdDeliveryEnvironment env, IDeliveryPolicy logging, IDeliveryPolicy target, Settings settings,
        IReadOnlyList<NamedEstimator> estimators, IProgressSink? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Reps);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.LogUsers, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.TruthUsers, 2);
        var truthRun = AdLogSimulator.Simulate(env, target, settings.TruthUsers, settings.Seed, firstUser: 1 << 30, settings.Threads).Utility;
        var truth = LoggedMean(truthRun, truthRun.Length);
        var estimates = new OffPolicyEstimate[settings.Reps, estimators.Count];
        for (int r = 0; r < settings.Reps; r++)
        {
            var sim = AdLogSimulator.Simulate(env, logging, settings.LogUsers, settings.Seed + 1 + r, threads: settings.Threads);
            var standard = OffPolicyEstimators.Estimate(sim.Log, target, LinearUtilityModel.Fit(sim.Log), (ulong)(settings.Seed + 1 + r), settings.Threads);
            for (int e = 0; e < estimators.Count; e++) estimates[r, e] = estimators[e].Estimate(sim.Log, sim.Utility, standard);
            progress?.Report(r + 1);
        }
        var rows = estimators.Select((x, e) =>
        {
            var column = Enumerable.Range(0, settings.Reps).Select(r => estimates[r, e]).ToArray();
            double mean = column.Average(c => c.Value);
            return new Row(x.Name, column.Count(c => c.Covers(truth.Value)), settings.Reps, mean,
                column.Average(c => (c.Upper - c.Lower) / 2),
                Math.Sqrt(column.Average(c => (c.Value - truth.Value) * (c.Value - truth.Value))),
                column.Count(c => c.Upper < truth.Value), column.Count(c => c.Lower > truth.Value),
                settings.Reps < 2 ? 0 : Math.Sqrt(column.Sum(c => (c.Value - mean) * (c.Value - mean)) / (settings.Reps - 1)),
                column.Average(c => c.StandardError));
        }).ToArray();
        return new Result(truth.Value, truth.StandardError, rows);
    }

    /// <summary>The coverage check: at least <paramref name="minimum"/> (e.g. 0.9) of the repetitions covered.</summary>
    public static bool Passes(Row row, double minimum) => row.Covered >= minimum * row.Reps - 1e-9;

    private static OffPolicyEstimate LoggedMean(double[] utility, double ess)
    {
        double mean = utility.Average(), var = utility.Sum(v => (v - mean) * (v - mean)) / (utility.Length - 1);
        return new OffPolicyEstimate("logged-mean", mean, Math.Sqrt(var / utility.Length), ess);
    }
}
