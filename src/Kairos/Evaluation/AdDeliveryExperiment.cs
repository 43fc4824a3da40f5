using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Learning.AdDelivery;
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
    /// <summary>When set, each size's model and policies are written here (model-N.json, learned-N.json, plugin-N.json, thompson-N.json).</summary>
    public string? Folder { get; init; }
}

/// <summary>A policy's mean utility per held-out user with its standard error, and its ads per user.</summary>
public sealed record AdPolicyUtility(string Policy, double Utility, double StandardError, double AdsPerUser);

/// <summary>Mean per-user difference of two policies on the same users (common random numbers) with a 95% interval.</summary>
public sealed record AdPairedDifference(string Policy, string Versus, double Mean, double Lower, double Upper);

/// <summary>One log size: each learned policy's utility, the learned policy's share of the oracle's gain over logging
/// (ratio of paired means, 95% interval by the delta method), paired differences against the plug-in policy, and the
/// MAP fit's held-out log-likelihood per event.</summary>
public sealed record AdSizeResult(int Users, IReadOnlyList<AdPolicyUtility> Policies, double GainShare, double GainShareLower,
    double GainShareUpper, IReadOnlyList<AdPairedDifference> VersusPlugIn, double HeldOutLogLikelihoodPerEvent, int BestEpoch);

public sealed record AdExperimentResult(AdExperimentSettings Settings, IReadOnlyList<AdPolicyUtility> Baselines, IReadOnlyList<AdSizeResult> Sizes);

/// <summary>
/// `kairos experiment ad-delivery`: for each log size n, n users are simulated under the randomized logging policy
/// (random:0.5; the logs are nested: users 0..n−1), the user model and its bootstrap posterior are fitted, the
/// learned (posterior-predictive) and plug-in (MAP) policies are trained on simulated users of the model, and they and
/// Thompson are evaluated on the same held-out simulated users (a seed stream the logs never use) beside logging,
/// never, always and the oracle. Deterministic given the seed at any thread count.
/// </summary>
public static class AdDeliveryExperiment
{
    public const string Learned = "learned", PlugIn = "plugin", Thompson = "thompson";
    private const long HeldOutSalt = 0x686F6C64;   // "hold"

    public static AdExperimentResult Run(AdExperimentSettings s, IProgressSink? progress = null)
    {
        var env = new AdDeliveryEnvironment();
        int evalSeed = SeedSequence.Derive(s.Seed, HeldOutSalt);
        var logging = new RandomChoicePolicy(AdDeliveryScenario.LoggingActProbability, "logging");
        var scenario = new AdDeliveryScenario();
        IDeliveryPolicy[] baselines = [logging, scenario.CreateBaseline("never", null, s.Seed), scenario.CreateBaseline("always", null, s.Seed),
            scenario.CreateBaseline("oracle", null, s.Seed)];
        var baseEval = Evaluator.Evaluate(env, baselines, s.EvalUsers, evalSeed, s.Threads);
        double[] logged = baseEval[0].Values("utility"), oracle = baseEval[3].Values("utility");
        int done = 0;
        progress?.Report(0, "baselines evaluated");
        var sizes = new List<AdSizeResult>();
        var full = AdLogSimulator.Simulate(env, logging, s.Sizes.Max(), s.Seed, 0, s.Threads).Log;
        foreach (int n in s.Sizes)
        {
            var log = new AdLogSet(full.Users.Take(n).ToList(), full.Names, $"simulated log of {n} users");
            var (layout, users) = AdSequences.FromAdLog(log, s.Fit.Hidden, log.Names.ConversionMark);
            var fit = AdEnsembleFitter.Fit(users, layout, s.Ensemble, s.Fit, s.Seed, log.Names.ConversionMark, "days");
            var model = fit.Model;
            var train = s.Train with { AdCosts = model.AdCosts ?? s.Train.CostsFor(layout.Ads) };
            var costs = train.CostsFor(layout.Ads);
            IDeliveryPolicy[] policies =
            [
                AdPolicyFile.Create(AdSoftmaxPolicy.LearnedKind, model, costs, AdPolicyTrainer.Train(model, AdSoftmaxPolicy.LearnedKind, train, s.Seed).Policy.Xi, Learned),
                AdPolicyFile.Create(AdSoftmaxPolicy.PlugInKind, model, costs, AdPolicyTrainer.Train(model, AdSoftmaxPolicy.PlugInKind, train, s.Seed).Policy.Xi, PlugIn),
                AdPolicyFile.Create(AdThompsonPolicy.KindName, model, costs, null, Thompson),
            ];
            if (s.Folder is { } folder)
            {
                Directory.CreateDirectory(folder);
                AdModelFile.Write(Path.Combine(folder, $"model-{n}.json"), model);
                foreach (var p in policies.Cast<AdPolicy>()) AdPolicyFile.Write(Path.Combine(folder, $"{p.Name}-{n}.json"), p);
            }
            var eval = Evaluator.Evaluate(env, policies, s.EvalUsers, evalSeed, s.Threads);
            var values = eval.Select(e => e.Values("utility")).ToArray();
            var (share, lo, hi) = GainShare(values[0], logged, oracle);
            sizes.Add(new AdSizeResult(n, eval.Select(Utility).ToList(), share, lo, hi,
                [Paired(Learned, values[0], values[1]), Paired(Thompson, values[2], values[1])],
                fit.MapFit.HeldOutLogLikelihoodPerEvent, fit.MapFit.BestEpoch));
            progress?.Report(++done, FormattableString.Invariant($"{n} users done"));
        }
        return new AdExperimentResult(s, baseEval.Select(Utility).ToList(), sizes);
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

    public static AdPairedDifference Paired(string policy, double[] x, double[] versus)
    {
        var d = x.Select((v, i) => v - versus[i]).ToArray();
        double m = d.Average(), se = StandardError(d);
        return new AdPairedDifference(policy, PlugIn, m, m - 1.96 * se, m + 1.96 * se);
    }

    private static double StandardError(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / Math.Max(1, x.Length - 1) / x.Length);
    }
}
