using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;

namespace Kairos.Evaluation;

/// <summary>Per-ad mean uplift (Q(ad) − Q(none), cost included) at a set of opportunities from each source, the share of
/// those opportunities at which the source's best decision is an ad, and the mean true uplift of that best decision (0 for
/// none): what acting on the source's estimate is worth there, one decision at a time.</summary>
public sealed record AdUpliftSummary(string Source, IReadOnlyList<double> Uplift, double ActShare, double TrueValueOfChoice);

/// <summary>The opportunities whose user received <see cref="RecentAds"/> ads in the preceding fatigue time constant
/// (−1 = all opportunities), and each source's uplift there.</summary>
public sealed record AdUpliftBin(int RecentAds, int Opportunities, IReadOnlyList<AdUpliftSummary> Sources);

/// <summary>The diagnosis: uplift per recent-ads bin, the correlation of each model source's uplift of the best true ad with
/// the truth's, the model's and the truth's expected value per conversion and expected conversion value to go under
/// "no ad" (Q(none)), averaged over the opportunities.</summary>
public sealed record AdUpliftDiagnosisResult(int Users, int Opportunities, IReadOnlyList<AdUpliftBin> Bins,
    IReadOnlyDictionary<string, double> CorrelationWithTruth, double ModelValuePerConversion, double TrueValuePerConversion,
    double ModelNoAdValue, double TrueNoAdValue);

/// <summary>
/// `kairos experiment ad-uplift`: why a planner on the fitted model delivers more or fewer ads than the references. Held-out
/// users are simulated under a behaviour policy; at each of their opportunities, with the same history, it compares the
/// uplift of every ad (Q(ad) − Q(none) under the planners' base rule, costs included: what <see cref="AdPlanningPolicy"/>
/// compares with 0) as estimated by
/// <list type="bullet">
/// <item>"plan": the posterior-predictive planner's rollouts on the model (its decision-time estimate);</item>
/// <item>"plan-plugin": the same on the MAP network;</item>
/// <item>"model": the posterior predictive with many more rollouts (the model's own expectation, nearly free of
/// Monte-Carlo noise);</item>
/// <item>"truth": the simulator with the user's true traits and response state, in closed form
/// (<see cref="AdResponse.ImmediateGain"/>: with no ad afterwards an ad's gain is exactly that);</item>
/// <item>"inferred": the same closed form averaged over the posterior of the traits given the history
/// (<see cref="AdTraitParticles"/>, what oracle-bayes plans on);</item>
/// <item>"truth-greedy" and "inferred-greedy": the same two with the greedy rule afterwards instead of no ad
/// (<see cref="AdDeliveryOracle.AddRollout"/>: the oracle's and oracle-bayes's own Q, 32 and 64 rollouts of the future
/// opportunity times), i.e. what the greedy base rule is worth on the truth.</item>
/// </list>
/// Correlations are taken against "truth", and (keys "source/truth-greedy") against "truth-greedy".
/// Opportunities are binned by the ads of the preceding <see cref="AdDeliveryConfig.FatigueDecay"/> days, the variable
/// that drives fatigue. Deterministic given the seed.
/// </summary>
public static class AdUpliftDiagnosis
{
    public const string Plan = "plan", PlanPlugIn = "plan-plugin", Model = "model", Truth = "truth", Inferred = "inferred",
        TruthGreedy = "truth-greedy", InferredGreedy = "inferred-greedy";
    private const int TruthRollouts = 32, InferredRollouts = 64;
    private const long DiagnosisSalt = 0x75706C66;   // "uplf"
    private const int MaxRecentBin = 3, TruthIndex = 3;

    public static AdUpliftDiagnosisResult Run(AdModel model, IDeliveryPolicy behaviour, int users, int seed, int rollouts = AdPlanningPolicy.DefaultRollouts,
        int referenceRollouts = 256, int particles = 2048, int threads = -1, AdContinuation continuation = AdContinuation.None)
    {
        var env = new AdDeliveryEnvironment();
        var costs = model.AdCosts ?? env.Config.AdCost;
        var planners = new[]
        {
            new AdPlanningPolicy(model, costs, AdPlanningPolicy.PosteriorKind, rollouts, continuation: continuation),
            new AdPlanningPolicy(model, costs, AdPlanningPolicy.PlugInKind, rollouts, continuation: continuation),
            new AdPlanningPolicy(model, costs, AdPlanningPolicy.PosteriorKind, referenceRollouts, continuation: continuation),
        };
        int evalSeed = SeedSequence.Derive(seed, DiagnosisSalt);
        var perUser = new List<Probe>[users];
        Parallel.For(0, users, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            perUser[i] = ProbeUser(env, model, planners, behaviour, evalSeed, i, particles));
        var probes = perUser.SelectMany(p => p).ToList();
        string[] sources = [Plan, PlanPlugIn, Model, Truth, Inferred, TruthGreedy, InferredGreedy];
        var bins = new List<AdUpliftBin> { Bin(-1, probes, sources) };
        for (int r = 0; r <= MaxRecentBin; r++) bins.Add(Bin(r, probes.Where(p => Math.Min(p.RecentAds, MaxRecentBin) == r).ToList(), sources));
        var correlation = new Dictionary<string, double>();
        foreach (int s in new[] { 0, 1, 2, 4 })
            correlation[sources[s]] = Correlation(probes.SelectMany(p => p.Uplift[s]).ToArray(), probes.SelectMany(p => p.Uplift[3]).ToArray());
        foreach (int s in new[] { 0, 1, 2, 6 })
            correlation[sources[s] + "/" + TruthGreedy] = Correlation(probes.SelectMany(p => p.Uplift[s]).ToArray(), probes.SelectMany(p => p.Uplift[5]).ToArray());
        return new AdUpliftDiagnosisResult(users, probes.Count, bins, correlation, Mean(probes, p => p.ModelValue), Mean(probes, p => p.TrueValue),
            Mean(probes, p => p.ModelNoAd), Mean(probes, p => p.TrueNoAd));
    }

    private sealed record Probe(int RecentAds, double[][] Uplift, double ModelValue, double TrueValue, double ModelNoAd, double TrueNoAd);

    private static List<Probe> ProbeUser(AdDeliveryEnvironment env, AdModel model, AdPlanningPolicy[] planners, IDeliveryPolicy behaviour,
        int seed, int index, int particleCount)
    {
        var config = env.Config;
        var (log, _) = AdLogSimulator.One(env, behaviour, seed, index);
        var traits = ((AdDeliveryEpisode)env.NewEpisode(SeedSequence.Stream(seed, 2L * index))).Traits;
        var random = new DecisionRandom(DecisionRandom.KeyFor(seed, 2L * index + 1));
        var particles = new AdTraitParticles(config, particleCount, ref random);
        var posterior = model.Posterior.Select(n => new AdUserState(n)).ToArray();
        var map = new AdUserState(model.Map);
        var response = new AdResponse(0, 0, 0);
        var adTimes = new List<double>();
        var probes = new List<Probe>();
        double end = log.Window.End;
        int ads = config.AdCount;
        foreach (var e in log.Events)
        {
            foreach (var u in posterior) u.Step(e);
            map.Step(e);
            if (e.Kind == EventKind.Action)
            {
                if (e.Mark > 0)
                {
                    particles.Observe(e with { Mark = e.Mark - 1 });
                    response = response.At(e.Time, config).AfterAd(e.Mark - 1, traits);
                    adTimes.Add(e.Time);
                }
                continue;
            }
            particles.Observe(e);
            if (e.Kind != EventKind.Opportunity) continue;
            double t = e.Time;
            ulong key = DecisionRandom.KeyFor(seed, 1_000_000L * index + probes.Count);
            var uplift = new double[7][];
            uplift[0] = Gains(planners[0].Values(posterior, t, end, key));
            uplift[1] = Gains(planners[1].Values([map], t, end, key));
            uplift[2] = Gains(planners[2].Values(posterior, t, end, key));
            var now = response.At(t, config);
            uplift[3] = Enumerable.Range(0, ads).Select(m => now.ImmediateGain(m, end, traits, config)).ToArray();
            var w = particles.Weights(t);
            uplift[4] = new double[ads];
            for (int i = 0; i < w.Length; i++)
                for (int m = 0; m < ads; m++) uplift[4][m] += w[i] * particles.Response(i).ImmediateGain(m, end, particles.Traits(i), config);
            var draws = new DecisionRandom(key);
            var q = new double[ads + 1];
            var buffer = new List<double>();
            for (int r = 0; r < TruthRollouts; r++) AdDeliveryOracle.AddRollout(now, traits, config, t, end, ref draws, buffer, q);
            uplift[5] = Gains(q.Select(x => x / TruthRollouts).ToArray());
            Array.Clear(q);
            double shift = draws.NextDouble(), cumulative = w[0];
            for (int r = 0, i = 0; r < InferredRollouts; r++)
            {
                double target = (r + shift) / InferredRollouts;   // systematic resampling, as oracle-bayes
                while (cumulative < target && i < w.Length - 1) cumulative += w[++i];
                AdDeliveryOracle.AddRollout(particles.Response(i), particles.Traits(i), config, t, end, ref draws, buffer, q);
            }
            uplift[6] = Gains(q.Select(x => x / InferredRollouts).ToArray());
            double modelValue = posterior.Average(u => AdModelRollout.MeanValue(u.Network, u.H, model.ConversionMark, model.ValuedMarks[model.ConversionMark]));
            double noAdModel = planners[2].Values(posterior, t, end, key)[0];
            double noAdTruth = traits.Value * (traits.BaseRate * (end - t) + now.ExpectedConversions(end, config));
            int recent = adTimes.Count(s => t - s < config.FatigueDecay);
            probes.Add(new Probe(recent, uplift, modelValue, traits.Value, noAdModel, noAdTruth));
        }
        return probes;
    }

    /// <summary>The true uplift of the ad an estimate ranks first, 0 when the estimate says no ad pays.</summary>
    private static double TrueValueOfChoice(double[] estimate, double[] truth)
    {
        int best = 0;
        for (int m = 1; m < estimate.Length; m++)
            if (estimate[m] > estimate[best]) best = m;
        return estimate[best] > 0 ? truth[best] : 0;
    }

    /// <summary>Q(ad) − Q(none) for ads 1..D from Q(0..D).</summary>
    private static double[] Gains(double[] q) => q.Skip(1).Select(x => x - q[0]).ToArray();

    private static AdUpliftBin Bin(int recent, List<Probe> probes, string[] sources)
    {
        var summaries = new List<AdUpliftSummary>();
        for (int s = 0; s < sources.Length; s++)
        {
            int ads = probes.Count == 0 ? 0 : probes[0].Uplift[s].Length;
            var mean = new double[ads];
            foreach (var p in probes)
                for (int m = 0; m < ads; m++) mean[m] += p.Uplift[s][m] / probes.Count;
            double act = probes.Count == 0 ? double.NaN : probes.Count(p => p.Uplift[s].Max() > 0) / (double)probes.Count;
            double value = probes.Count == 0 ? double.NaN : probes.Average(p => TrueValueOfChoice(p.Uplift[s], p.Uplift[TruthIndex]));
            summaries.Add(new AdUpliftSummary(sources[s], mean, act, value));
        }
        return new AdUpliftBin(recent, probes.Count, summaries);
    }

    private static double Mean(List<Probe> probes, Func<Probe, double> f) => probes.Count == 0 ? double.NaN : probes.Average(f);

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
