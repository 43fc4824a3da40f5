using Kairos.Numerics;

namespace Kairos.Evaluation;

/// <summary>One log's evaluation at one log size (a file utility-N-sSEED.json of `experiment ad-delivery --out`): every
/// policy's utility per held-out user, in the held-out users' order, and its ads per user.</summary>
public sealed record AdCurveRun(int Users, int LogSeed, IReadOnlyDictionary<string, double[]> PerUserUtility, IReadOnlyDictionary<string, double> AdsPerUser)
{
    /// <summary>The MAP fit's held-out log-likelihood per event and the Laplace prior precision chosen (null: not Laplace).</summary>
    public double HeldOutLogLikelihoodPerEvent { get; init; } = double.NaN;
    public double? LaplacePrior { get; init; }
}

/// <summary>A mean with its standard error and 95% interval (mean ± 1.96 s.e.).</summary>
public sealed record AdCurveInterval(double Mean, double StandardError, double Lower, double Upper)
{
    public static AdCurveInterval Of(double mean, double se) => new(mean, se, mean - 1.96 * se, mean + 1.96 * se);
}

/// <summary>A policy's utility per user at one log size: the crossed interval over logs × held-out users
/// (<see cref="CrossedMean.Pigeonhole"/>; with one log, over the users alone), each log's mean and the mean ads per user.</summary>
public sealed record AdCurveLevel(string Policy, AdCurveInterval Utility, IReadOnlyList<double> PerLog, double AdsPerUser);

/// <summary>A paired difference policy − versus at one log size: the crossed interval (logs and users random), the
/// Student-t interval over the per-log means (null with one log), each log's mean difference, their standard deviation
/// over the logs (null with one log; the between-log spread) and the root mean square of the per-user differences
/// (how differently the two policies fare user by user; 0 when they decide alike on every user).</summary>
public sealed record AdCurveDifference(string Policy, string Versus, AdCurveInterval Crossed, double? TLower, double? TUpper,
    IReadOnlyList<double> PerLog, double? BetweenLogSd, double PerUserRms);

/// <summary>One log size: the logs used, each policy's level and the paired differences against plug-in, and per log (in
/// <paramref name="LogSeeds"/>' order) the MAP fit's held-out log-likelihood per event and the Laplace prior chosen.</summary>
public sealed record AdCurvePoint(int Users, IReadOnlyList<int> LogSeeds, IReadOnlyList<AdCurveLevel> Policies, IReadOnlyList<AdCurveDifference> Differences,
    IReadOnlyList<double> HeldOutLogLikelihoodPerEvent, IReadOnlyList<double?> LaplacePriors);

/// <summary>The curve of utility against log size: the references (baselines on the same held-out users, intervals over the
/// users), the points in increasing size, and the logs left out because they lack a size.</summary>
public sealed record AdLogSizeCurveResult(IReadOnlyList<AdCurveLevel> References, IReadOnlyList<AdCurvePoint> Points,
    IReadOnlyList<int> LogSeeds, IReadOnlyList<int> IncompleteLogSeeds);

/// <summary>
/// The utility of the planning policies against log size (issue 12: "with large logs they converge"), from the per-log
/// files of `kairos experiment ad-delivery --log-seeds … --sizes … --out DIR` (nested logs: each log's users 0..n−1).
/// Only logs evaluated at every size are used, so every point rests on the same logs (a run stopped early leaves its last
/// log incomplete; it is listed, not used). Levels and differences get the crossed interval counting logs and held-out
/// users as random (<see cref="CrossedMean"/>), the intervals of `experiment ad-delivery`'s pooled acrossLogs.
/// </summary>
public static class AdLogSizeCurve
{
    /// <summary>The policies of the curve and the differences reported, in this order (those present in every run).</summary>
    public static readonly string[] Policies = [AdDeliveryExperiment.Plan, AdDeliveryExperiment.PlanPlugIn, AdDeliveryExperiment.PlanThompson];
    public static readonly (string Policy, string Versus)[] Pairs =
        [(AdDeliveryExperiment.Plan, AdDeliveryExperiment.PlanPlugIn), (AdDeliveryExperiment.PlanThompson, AdDeliveryExperiment.PlanPlugIn)];
    /// <summary>The baselines drawn as reference lines, in this order.</summary>
    public static readonly string[] ReferencePolicies = ["oracle", "oracle-bayes", "logging", "never"];

    public static AdLogSizeCurveResult Build(IReadOnlyDictionary<string, double[]> baselines, IReadOnlyDictionary<string, double> baselineAds,
        IReadOnlyList<AdCurveRun> runs)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(baselineAds);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("no per-log runs.", nameof(runs));
        var sizes = runs.Select(r => r.Users).Distinct().Order().ToList();
        var seeds = runs.Select(r => r.LogSeed).Distinct().Order().ToList();
        var complete = seeds.Where(seed => sizes.All(n => runs.Any(r => r.LogSeed == seed && r.Users == n))).ToList();
        if (complete.Count == 0) throw new ArgumentException("no log was evaluated at every size.", nameof(runs));
        int users = runs[0].PerUserUtility.Values.First().Length;
        if (runs.Any(r => r.PerUserUtility.Values.Any(v => v.Length != users)) || baselines.Values.Any(v => v.Length != users))
            throw new ArgumentException("every run and baseline needs the same held-out users.", nameof(runs));
        var references = ReferencePolicies.Where(baselines.ContainsKey)
            .Select(p => Level(p, [baselines[p]], [baselineAds.GetValueOrDefault(p, double.NaN)])).ToList();
        var points = new List<AdCurvePoint>();
        foreach (int n in sizes)
        {
            var logs = complete.Select(seed => runs.Single(r => r.LogSeed == seed && r.Users == n)).ToList();
            var names = Policies.Where(p => logs.All(l => l.PerUserUtility.ContainsKey(p))).ToList();
            var levels = names.Select(p => Level(p, logs.Select(l => l.PerUserUtility[p]).ToList(), logs.Select(l => l.AdsPerUser.GetValueOrDefault(p, double.NaN)).ToList())).ToList();
            var differences = Pairs.Where(pair => names.Contains(pair.Policy) && names.Contains(pair.Versus))
                .Select(pair => Difference(pair.Policy, pair.Versus, logs)).ToList();
            points.Add(new AdCurvePoint(n, complete, levels, differences, logs.Select(l => l.HeldOutLogLikelihoodPerEvent).ToList(), logs.Select(l => l.LaplacePrior).ToList()));
        }
        return new AdLogSizeCurveResult(references, points, complete, seeds.Except(complete).ToList());
    }

    private static AdCurveLevel Level(string policy, IReadOnlyList<double[]> perLog, IReadOnlyList<double> ads)
    {
        var (mean, se, _, _) = CrossedMean.Pigeonhole(perLog.Select(x => (IReadOnlyList<double>)x).ToList());
        return new AdCurveLevel(policy, AdCurveInterval.Of(mean, se), perLog.Select(x => x.Average()).ToList(), ads.Average());
    }

    private static AdCurveDifference Difference(string policy, string versus, IReadOnlyList<AdCurveRun> logs)
    {
        var d = logs.Select(l => l.PerUserUtility[policy].Select((v, i) => v - l.PerUserUtility[versus][i]).ToArray()).ToList();
        var (mean, se, _, _) = CrossedMean.Pigeonhole(d.Select(x => (IReadOnlyList<double>)x).ToList());
        var perLog = d.Select(x => x.Average()).ToList();
        double? lo = null, hi = null, sd = null;
        if (logs.Count > 1)
        {
            (_, double l, double h) = CrossedMean.StudentTInterval(perLog);
            (lo, hi) = (l, h);
            double m = perLog.Average();
            sd = Math.Sqrt(perLog.Sum(x => (x - m) * (x - m)) / (perLog.Count - 1));
        }
        double rms = Math.Sqrt(d.SelectMany(x => x).Average(x => x * x));
        return new AdCurveDifference(policy, versus, AdCurveInterval.Of(mean, se), lo, hi, perLog, sd, rms);
    }
}
