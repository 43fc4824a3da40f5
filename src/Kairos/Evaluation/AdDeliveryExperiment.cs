using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Learning.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>Settings of <see cref="AdDeliveryExperiment"/>: the log sizes (users), the size of the small-log
/// comparison, the held-out users every policy is evaluated on, the posterior's bootstrap members, the model fit and
/// policy training settings (ad costs: the logged ones), the seed and the worker threads.</summary>
public sealed record AdExperimentSettings(IReadOnlyList<int> Sizes, int EvalUsers, int Ensemble, AdModelFitOptions Fit,
    AdPolicyTrainOptions Train, int Seed, int Threads = -1)
{
    /// <summary>When set, each size's model and policies are written here (model-N.json, then NAME-N.json per policy).</summary>
    public string? Folder { get; init; }
    /// <summary>Evaluate the planning policies (plan, plan-plugin, plan-thompson) with this many rollouts per decision; 0 = not.</summary>
    public int PlanRollouts { get; init; } = AdPlanningPolicy.DefaultRollouts;
    /// <summary>The planners' rollout stream (<see cref="AdPlanningPolicy.RolloutStream"/>; 0 = the default streams). The same
    /// run with another value differs only in the planners' Monte-Carlo rollouts.</summary>
    public int RolloutSeed { get; init; }
    /// <summary>The planning policies' base rule (<see cref="AdContinuation"/>).</summary>
    public AdContinuation Continuation { get; init; } = AdContinuation.Greedy;
    /// <summary>Train and evaluate the softmax policies (learned, plugin) and the one-step Thompson rule.</summary>
    public bool Softmax { get; init; } = true;
    /// <summary>Candidate delivery margins: when set, plan and plan-plugin also run as plan-ope and plan-plugin-ope with the
    /// margin chosen by SNIPS on the log's users the fit did not train on (<see cref="AdMarginSelector"/>); null = not.</summary>
    public IReadOnlyList<double>? Margins { get; init; }
    /// <summary>Seeds of the logs (and of their fits); each gives its own rows, on the same held-out users (those of
    /// <see cref="Seed"/>), and with more than one the rows are also pooled per size. Null = the one log of <see cref="Seed"/>.</summary>
    public IReadOnlyList<int>? LogSeeds { get; init; }
    /// <summary>Also evaluate plan-weighted: the posterior planner with the members weighted by each user's own history
    /// (<see cref="AdPlanningPolicy.HistoryWeighted"/>).</summary>
    public bool HistoryWeights { get; init; }
}

/// <summary>The margin a tuned planner chose off-policy and every candidate's SNIPS estimate.</summary>
public sealed record AdTunedMargin(string Policy, AdMarginSelection Selection);

/// <summary>A policy's share of the oracle's gain over logging with its 95% interval.</summary>
public sealed record AdGainShare(string Policy, double Share, double Lower, double Upper);

/// <summary>A policy's mean utility per held-out user with its standard error, and its ads per user.</summary>
public sealed record AdPolicyUtility(string Policy, double Utility, double StandardError, double AdsPerUser);

/// <summary>Mean per-user difference of two policies on the same users (common random numbers) with a 95% interval.</summary>
public sealed record AdPairedDifference(string Policy, string Versus, double Mean, double Lower, double Upper);

/// <summary>A paired difference across logs (<see cref="AdExperimentSettings.LogSeeds"/>): its mean over each log's held-out
/// users per log, the mean over the logs, a Student-t 95% interval over the per-log means (L − 1 degrees of freedom;
/// conditional on the held-out users) and the crossed interval counting logs and users as random
/// (<see cref="CrossedMean.Pigeonhole"/>: the pigeonhole bootstrap's variance in closed form, normal interval).</summary>
public sealed record AdAcrossLogsDifference(string Policy, string Versus, IReadOnlyList<int> LogSeeds, IReadOnlyList<double> PerLog,
    double Mean, double AcrossLogsLower, double AcrossLogsUpper, double CrossedStandardError, double CrossedLower, double CrossedUpper);

/// <summary>The effective sample size (Σw)²/Σw² of the posterior members' weights given each of the log's test users'
/// whole logged history (<see cref="AdLaplace.HistoryWeightEffectiveSampleSizes"/>; the weights of plan-weighted at the
/// end of a history): its mean, median, 10% quantile and minimum over the users, out of <paramref name="Members"/>.</summary>
public sealed record AdWeightEss(int Users, int Members, double Mean, double Median, double Quantile10, double Min);

/// <summary>One log size: each model-based policy's utility and share of the oracle's gain over logging (ratio of paired
/// means, 95% interval by the delta method), paired differences of the posterior variants against their plug-in
/// counterpart, and the MAP fit's held-out log-likelihood per event and best epoch.</summary>
public sealed record AdSizeResult(int Users, IReadOnlyList<AdPolicyUtility> Policies, IReadOnlyList<AdGainShare> GainShares,
    IReadOnlyList<AdPairedDifference> VersusPlugIn, double HeldOutLogLikelihoodPerEvent, int BestEpoch)
{
    /// <summary>The seed of the log and of its fit.</summary>
    public int LogSeed { get; init; }
    /// <summary>Laplace posterior: its prior precision and the tuning candidates' held-out log predictive (<see cref="AdEnsembleFit"/>).</summary>
    public double? LaplacePriorPrecision { get; init; }
    public IReadOnlyList<AdLaplaceCandidate> LaplaceCandidates { get; init; } = [];
    /// <summary>The margins chosen off-policy (empty unless <see cref="AdExperimentSettings.Margins"/> is set).</summary>
    public IReadOnlyList<AdTunedMargin> TunedMargins { get; init; } = [];
    /// <summary>The posterior members' history-weight effective sample size on the log's test users (null with fewer than two members).</summary>
    public AdWeightEss? MemberWeightEss { get; init; }
    /// <summary>Each policy's utility per held-out user (in the held-out users' order; per-log rows only).</summary>
    public IReadOnlyDictionary<string, double[]> PerUserUtility { get; init; } = new Dictionary<string, double[]>();
    /// <summary>Pooled rows only: the paired differences across logs, counting the logs as random.</summary>
    public IReadOnlyList<AdAcrossLogsDifference> AcrossLogs { get; init; } = [];
}

/// <summary>The baselines (logging, never, always, oracle, oracle-prior, oracle-bayes), the shares of the oracle's gain of
/// the two references without the user's traits (oracle-prior, oracle-bayes), and each log size's results.</summary>
public sealed record AdExperimentResult(AdExperimentSettings Settings, IReadOnlyList<AdPolicyUtility> Baselines,
    IReadOnlyList<AdGainShare> ReferenceShares, IReadOnlyList<AdSizeResult> Sizes)
{
    /// <summary>With several log seeds, per size: every policy's per-user utility averaged over the logs, and its share and
    /// paired differences computed from those averages (intervals over the held-out users, conditional on these logs).</summary>
    public IReadOnlyList<AdSizeResult> Pooled { get; init; } = [];
}

/// <summary>
/// `kairos experiment ad-delivery`: for each log size n, n users are simulated under the randomized logging policy
/// (random:0.5; the logs are nested: users 0..n−1), the user model and its bootstrap posterior are fitted, the
/// planning policies (plan: posterior predictive, plan-plugin: MAP, plan-thompson: one member per user) are built on it,
/// optionally also the softmax policies (learned, plugin: trained on simulated users of the model) and the one-step
/// Thompson rule, and all are evaluated on the same held-out simulated users (a seed stream the logs never use) beside
/// logging, never, always, the oracle, the prior oracle (true laws, population traits) and the Bayes oracle (true laws,
/// traits inferred from the history). Deterministic given the
/// seed at any thread count.
/// </summary>
public static class AdDeliveryExperiment
{
    public const string Learned = "learned", PlugIn = "plugin", Thompson = "thompson", Plan = "plan", PlanPlugIn = "plan-plugin",
        PlanThompson = "plan-thompson", PlanOpe = "plan-ope", PlanPlugInOpe = "plan-plugin-ope", PlanWeighted = "plan-weighted";
    private const long HeldOutSalt = 0x686F6C64;   // "hold"

    public static AdExperimentResult Run(AdExperimentSettings s, IProgressSink? progress = null)
    {
        var env = new AdDeliveryEnvironment();
        int evalSeed = SeedSequence.Derive(s.Seed, HeldOutSalt);
        var logging = new RandomChoicePolicy(AdDeliveryScenario.LoggingActProbability, "logging");
        var scenario = new AdDeliveryScenario();
        IDeliveryPolicy[] baselines = [logging, scenario.CreateBaseline("never", null, s.Seed), scenario.CreateBaseline("always", null, s.Seed),
            scenario.CreateBaseline("oracle", null, s.Seed), scenario.CreateBaseline("oracle-prior", null, s.Seed),
            scenario.CreateBaseline("oracle-bayes", null, s.Seed)];
        var baseEval = Evaluator.Evaluate(env, baselines, s.EvalUsers, evalSeed, s.Threads);
        double[] logged = baseEval[0].Values("utility"), oracle = baseEval[3].Values("utility");
        if (s.Folder is { } baseDir)   // the baselines' per-user utilities first: a run stopped early can still be analysed against them
        {
            Directory.CreateDirectory(baseDir);
            File.WriteAllText(Path.Combine(baseDir, "baselines.json"), System.Text.Json.JsonSerializer.Serialize(new
            {
                evalUsers = s.EvalUsers, seed = s.Seed,
                adsPerUser = baseEval.ToDictionary(e => e.Policy, e => e.MeanActions),
                perUserUtility = baseEval.ToDictionary(e => e.Policy, e => e.Values("utility")),
            }));
        }
        int done = 0;
        progress?.Report(0, "baselines evaluated");
        var sizes = new List<AdSizeResult>();
        var perUser = new List<(int Size, int LogSeed, Dictionary<string, double[]> Values, Dictionary<string, double> Ads)>();
        foreach (int logSeed in s.LogSeeds ?? [s.Seed])
        {
        var full = AdLogSimulator.Simulate(env, logging, s.Sizes.Max(), logSeed, 0, s.Threads).Log;
        foreach (int n in s.Sizes)
        {
            var log = new AdLogSet(full.Users.Take(n).ToList(), full.Names, $"simulated log of {CountText.Of(n, "user")}");
            var (layout, users) = AdSequences.FromAdLog(log, s.Fit.Hidden, log.Names.ConversionMark, s.Fit.ExposureDecays);
            var fit = AdEnsembleFitter.Fit(users, layout, s.Ensemble, s.Fit, logSeed, log.Names.ConversionMark, "days");
            var model = fit.Model;
            AdWeightEss? ess = null;
            if (model.Members.Count > 1 && fit.Split.Test.Count > 0)
            {
                var e = AdLaplace.HistoryWeightEffectiveSampleSizes(model.Members, fit.Split.Test).Order().ToArray();
                ess = new AdWeightEss(e.Length, model.Members.Count, e.Average(), Quantiles.Linear(e, 0.5), Quantiles.Linear(e, 0.1), e[0]);
            }
            var train = s.Train with { AdCosts = model.AdCosts ?? s.Train.CostsFor(layout.Ads) };
            var costs = train.CostsFor(layout.Ads);
            var policies = new List<AdPolicy>();
            if (s.Softmax)
            {
                policies.Add(AdPolicyFile.Create(AdSoftmaxPolicy.LearnedKind, model, costs, AdPolicyTrainer.Train(model, AdSoftmaxPolicy.LearnedKind, train, s.Seed).Policy.Xi, Learned));
                policies.Add(AdPolicyFile.Create(AdSoftmaxPolicy.PlugInKind, model, costs, AdPolicyTrainer.Train(model, AdSoftmaxPolicy.PlugInKind, train, s.Seed).Policy.Xi, PlugIn));
                policies.Add(AdPolicyFile.Create(AdThompsonPolicy.KindName, model, costs, null, Thompson));
            }
            if (s.PlanRollouts > 0)
                foreach (var (kind, name) in new[] { (AdPlanningPolicy.PosteriorKind, Plan), (AdPlanningPolicy.PlugInKind, PlanPlugIn), (AdPlanningPolicy.ThompsonKind, PlanThompson) })
                    policies.Add(AdPolicyFile.Create(kind, model, costs, null, name, s.PlanRollouts, continuation: s.Continuation, rolloutStream: s.RolloutSeed));
            if (s.PlanRollouts > 0 && s.HistoryWeights)
                policies.Add(AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, model, costs, null, PlanWeighted, s.PlanRollouts, continuation: s.Continuation, rolloutStream: s.RolloutSeed, historyWeighted: true));
            var tuned = new List<AdTunedMargin>();
            if (s.PlanRollouts > 0 && s.Margins is { } margins)
            {
                var notTrained = fit.Split.HeldOut.Concat(fit.Split.Test).Select(u => u.User).ToHashSet();
                var tuning = new AdLogSet(log.Users.Where(u => notTrained.Contains(u.User)).ToList(), log.Names, $"{log.Source}, users not trained on");
                foreach (var (kind, name) in new[] { (AdPlanningPolicy.PosteriorKind, PlanOpe), (AdPlanningPolicy.PlugInKind, PlanPlugInOpe) })
                {
                    var planner = (AdPlanningPolicy)AdPolicyFile.Create(kind, model, costs, null, name, s.PlanRollouts, continuation: s.Continuation, rolloutStream: s.RolloutSeed);
                    var selection = AdMarginSelector.Select(AdMarginSelector.Trace(tuning, planner, (ulong)logSeed, s.Threads), margins);
                    tuned.Add(new AdTunedMargin(name, selection));
                    policies.Add(AdPolicyFile.Create(kind, model, costs, null, name, s.PlanRollouts, continuation: s.Continuation, rolloutStream: s.RolloutSeed, margin: selection.Margin));
                }
            }
            if (s.Folder is { } folder)
            {
                Directory.CreateDirectory(folder);
                string tag = s.LogSeeds is null ? $"{n}" : $"{n}-s{logSeed}";
                AdModelFile.Write(Path.Combine(folder, $"model-{tag}.json"), model);
                foreach (var p in policies) AdPolicyFile.Write(Path.Combine(folder, $"{p.Name}-{tag}.json"), p);
            }
            var eval = Evaluator.Evaluate(env, policies.Cast<IDeliveryPolicy>().ToList(), s.EvalUsers, evalSeed, s.Threads);
            var values = eval.ToDictionary(e => e.Policy, e => e.Values("utility"));
            if (s.Folder is { } dir)   // each log's per-user utilities as soon as it is done: a long run stopped early keeps its finished logs
                File.WriteAllText(Path.Combine(dir, s.LogSeeds is null ? $"utility-{n}.json" : $"utility-{n}-s{logSeed}.json"), System.Text.Json.JsonSerializer.Serialize(new
                {
                    users = n, logSeed, evalUsers = s.EvalUsers, seed = s.Seed, laplacePrior = fit.LaplacePriorPrecision,
                    heldOutLogLikelihoodPerEvent = fit.MapFit.HeldOutLogLikelihoodPerEvent, memberWeightEss = ess,
                    adsPerUser = eval.ToDictionary(e => e.Policy, e => e.MeanActions), perUserUtility = values,
                }));
            perUser.Add((n, logSeed, values, eval.ToDictionary(e => e.Policy, e => e.MeanActions)));
            sizes.Add(new AdSizeResult(n, eval.Select(Utility).ToList(), eval.Select(e => Share(e.Policy, values[e.Policy], logged, oracle)).ToList(),
                Versus(values), fit.MapFit.HeldOutLogLikelihoodPerEvent, fit.MapFit.BestEpoch) { TunedMargins = tuned, LogSeed = logSeed, MemberWeightEss = ess, PerUserUtility = values, LaplacePriorPrecision = fit.LaplacePriorPrecision, LaplaceCandidates = fit.LaplaceCandidates });
            progress?.Report(++done, FormattableString.Invariant($"{CountText.Of(n, "user")} (log seed {logSeed}) done"));
        }
        }
        var pooled = new List<AdSizeResult>();
        if (s.LogSeeds is { Count: > 1 })
            foreach (int n in s.Sizes)
            {
                var runs = perUser.Where(r => r.Size == n).ToList();
                var names = runs[0].Values.Keys.ToList();
                var mean = names.ToDictionary(p => p, p => Enumerable.Range(0, s.EvalUsers).Select(i => runs.Average(r => r.Values[p][i])).ToArray());
                pooled.Add(new AdSizeResult(n, names.Select(p => new AdPolicyUtility(p, mean[p].Average(), StandardError(mean[p]), runs.Average(r => r.Ads[p]))).ToList(),
                    names.Select(p => Share(p, mean[p], logged, oracle)).ToList(), Versus(mean), double.NaN, 0)
                    { AcrossLogs = Versus(mean).Select(v => AcrossLogs(v.Policy, v.Versus, runs.Select(r => (r.LogSeed, r.Values)).ToList())).ToList() });
            }
        return new AdExperimentResult(s, baseEval.Select(Utility).ToList(),
            [Share("oracle-prior", baseEval[4].Values("utility"), logged, oracle), Share("oracle-bayes", baseEval[5].Values("utility"), logged, oracle)], sizes)
            { Pooled = pooled };
    }

    /// <summary>The paired differences reported: each posterior variant against its plug-in counterpart, and the tuned planners
    /// against their untuned selves.</summary>
    private static List<AdPairedDifference> Versus(Dictionary<string, double[]> values)
    {
        var versus = new List<AdPairedDifference>();
        foreach (var (a, b) in new[] { (Learned, PlugIn), (Thompson, PlugIn), (Plan, PlanPlugIn), (PlanThompson, PlanPlugIn), (PlanWeighted, PlanPlugIn), (PlanWeighted, Plan),
            (PlanOpe, PlanPlugInOpe), (PlanOpe, Plan), (PlanPlugInOpe, PlanPlugIn) })
            if (values.ContainsKey(a) && values.ContainsKey(b)) versus.Add(Paired(a, values[a], values[b], b));
        return versus;
    }

    /// <summary>The paired difference <paramref name="policy"/> − <paramref name="versus"/> across logs: per log the mean over
    /// its held-out users, and the two across-log intervals of <see cref="AdAcrossLogsDifference"/>.</summary>
    public static AdAcrossLogsDifference AcrossLogs(string policy, string versus, IReadOnlyList<(int LogSeed, Dictionary<string, double[]> Values)> logs)
    {
        if (logs.Count < 2) throw new ArgumentException("at least two logs.", nameof(logs));
        var d = logs.Select(l => (IReadOnlyList<double>)l.Values[policy].Select((v, i) => v - l.Values[versus][i]).ToArray()).ToList();
        var perLog = d.Select(x => x.Average()).ToArray();
        var (mean, lo, hi) = CrossedMean.StudentTInterval(perLog);
        var crossed = CrossedMean.Pigeonhole(d);
        return new AdAcrossLogsDifference(policy, versus, logs.Select(l => l.LogSeed).ToList(), perLog, mean, lo, hi, crossed.StandardError, crossed.Lower, crossed.Upper);
    }

    private static AdPolicyUtility Utility(PolicyEvaluation e)
    {
        var u = e.Values("utility");
        return new AdPolicyUtility(e.Policy, u.Average(), StandardError(u), e.MeanActions);
    }

    /// <summary>(U_policy − U_logging)/(U_oracle − U_logging) from per-user values of the same users; its 95% interval by
    /// the delta method: Var(r̂) ≈ Var(a_i − r̂ b_i)/(n b̄²), a = policy − logging, b = oracle − logging.</summary>
    public static (double Share, double Lower, double Upper) GainShare(double[] policy, double[] logging, double[] oracle)
    {
        int n = policy.Length;
        var a = policy.Select((v, i) => v - logging[i]).ToArray();
        var b = oracle.Select((v, i) => v - logging[i]).ToArray();
        double r = a.Average() / b.Average();
        double se = StandardError(a.Select((x, i) => x - r * b[i]).ToArray()) / Math.Abs(b.Average());
        return (r, r - 1.96 * se, r + 1.96 * se);
    }

    public static AdPairedDifference Paired(string policy, double[] x, double[] versus, string versusName = PlugIn)
    {
        var d = x.Select((v, i) => v - versus[i]).ToArray();
        double m = d.Average(), se = StandardError(d);
        return new AdPairedDifference(policy, versusName, m, m - 1.96 * se, m + 1.96 * se);
    }

    private static AdGainShare Share(string policy, double[] values, double[] logging, double[] oracle)
    {
        var (share, lo, hi) = GainShare(values, logging, oracle);
        return new AdGainShare(policy, share, lo, hi);
    }

    private static double StandardError(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / Math.Max(1, x.Length - 1) / x.Length);
    }
}
