using Kairos.Decisions;
using Kairos.Environments.Broadcasting;
using Kairos.Learning;
using Kairos.Learning.Broadcasting;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Policies.Broadcasting;
using Kairos.Simulation;

namespace Kairos.Evaluation.Broadcasting;

/// <summary>
/// The authors' per-broadcaster protocol (digest §4.4): TPPRL policies are trained on the broadcaster's training
/// windows (or read from files); the budget C is the first TPPRL policy's mean posts on the test window (else the
/// settings' default); Poisson posts at C/T, RedQueen's weight is bisected to C over tuning runs, Karimi plans C posts;
/// every policy then runs <see cref="BroadcastingSettings.Runs"/> times on the test window, and each metric is divided
/// by the Poisson run's. Deterministic given the seed, whatever the thread count.
/// </summary>
public static class BroadcasterEvaluation
{
    public static BroadcasterResult Run(BroadcastWorld world, string user, IReadOnlyList<BroadcastingPolicySpec> specs,
        BroadcastingSettings s, Action<string>? status = null, string? saveTrainedTo = null)
    {
        var env = new BroadcastingEnvironment(world, s.Feed);
        double T = env.Spec.Horizon;
        var learned = new List<(BroadcastingPolicySpec Spec, NeuralTppPolicy Policy)>();
        foreach (var spec in specs.Where(p => p.Learned))
        {
            status?.Invoke($"{user}: {(spec.File is null ? "training" : "loading")} {spec.Name}");
            var policy = spec.File is null ? Train(world, spec.WtZero, s) : Load(spec, env);
            if (saveTrainedTo is not null && spec.File is null)
                NeuralTppPolicyFile.Save(policy, Path.Combine(saveTrainedTo, $"{user}.{spec.Name}.json"), env.Name);
            learned.Add((spec, policy.WithName(spec.Name)));
        }
        var runs = new Dictionary<string, (IDeliveryPolicy Policy, double? Knob, int Evaluations)>();
        foreach (var (spec, policy) in learned) runs[spec.Name] = (policy, null, 0);
        double budget = s.FixedBudget ?? (learned.Count > 0
            ? Evaluator.Evaluate(env, [learned[0].Policy], s.Runs, s.Seed, s.Threads)[0].MeanActions
            : s.DefaultBudget);
        budget = Math.Max(budget, 1.0 / s.Runs);   // a policy that never posts still leaves the baselines a budget
        status?.Invoke($"{user}: matching baselines to {CountText.Of(budget, "G4", "post")}");
        runs["poisson"] = (new UniformPolicy(budget / T), budget / T, 0);
        if (specs.Any(p => p.Name == "redqueen"))
        {
            var m = BudgetMatcher.Match(env, w => new RedQueenPolicy(w), 10.0 / T, budget, s.Seed, s.TuningEpisodes, s.Tolerance);
            runs["redqueen"] = (m.Policy, m.Knob, m.Evaluations);
        }
        if (specs.Any(p => p.Name == "karimi"))
            runs["karimi"] = (KarimiPlanner.Solve(world, world.TestStart, T, budget).Policy, null, 0);
        var order = specs.Select(p => p.Name).Where(n => n != "poisson").Prepend("poisson").ToList();
        var evaluations = Evaluator.Evaluate(env, order.Select(n => runs[n].Policy).ToList(), s.Runs, s.Seed, s.Threads);
        var poisson = Means(evaluations[0]);
        var outcomes = new List<PolicyOutcome>();
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] == "poisson" && !specs.Any(p => p.Name == "poisson")) continue;
            var means = Means(evaluations[i]);
            var ratios = RatioMetrics.ToDictionary(m => m + "_ratio", m => means[m] / poisson[m]);
            outcomes.Add(new PolicyOutcome(order[i], evaluations[i].MeanActions, means, ratios, runs[order[i]].Knob, runs[order[i]].Evaluations));
        }
        return new BroadcasterResult(user, s.Feed.Name(), T, world.FollowerCount, budget, outcomes);
    }

    public static readonly IReadOnlyList<string> RatioMetrics =
        [BroadcastingMetrics.AverageRank, BroadcastingMetrics.RankSquared, BroadcastingMetrics.TimeAtTop];

    /// <summary>A TPPRL policy trained on the world's training windows (seeded by the settings' seed).</summary>
    public static NeuralTppPolicy Train(BroadcastWorld world, bool wtZero, BroadcastingSettings s)
    {
        var training = new BroadcastingEnvironment(world, s.Feed, training: true);
        if (s.RewardMetric == BroadcastingMetrics.RankAndTop) training = training.WithBalance(PoissonScales(training, s));
        var initial = NeuralTppPolicy.Initialize(training.Spec.Context, SeedSequence.Stream(s.Seed, 7), hidden: s.Hidden,
            feedbackSources: training.FeedbackSources, fixedZeroDecay: wtZero, initialRate: s.InitialPosts / training.Spec.Horizon);
        var trainer = new PolicyGradientTrainer(training, s.Trainer(SeedSequence.Derive(s.Seed, wtZero ? 2 : 1), s.Threads));
        return trainer.Train(initial).Policy;
    }

    /// <summary>Episodes of the uniform Poisson run that sets the <see cref="BroadcastingMetrics.RankAndTop"/> scales.</summary>
    public const int BalanceEpisodes = 64;

    /// <summary>The uniform Poisson policy's mean average rank and time at the top on the training windows, at the
    /// posts per window TPPRL is trained to (else its initial rate): the units of <see cref="BroadcastingMetrics.RankAndTop"/>,
    /// so that its value is (time-at-top ratio − 1) − (average-rank ratio − 1) against that Poisson run.</summary>
    public static BalanceScales PoissonScales(BroadcastingEnvironment training, BroadcastingSettings s)
    {
        double posts = s.TrainBudget ?? s.InitialPosts;
        var run = Evaluator.Evaluate(training, [new UniformPolicy(posts / training.Spec.Horizon)], BalanceEpisodes,
            SeedSequence.Derive(s.Seed, 3), s.Threads)[0];
        double rank = run.Values(BroadcastingMetrics.AverageRank).Average(), top = run.Values(BroadcastingMetrics.TimeAtTop).Average();
        // A world where Poisson never reaches the top still needs a scale: one post-free follower-window's worth.
        return new BalanceScales(rank, Math.Max(top, 1.0 / (training.World.FollowerCount * BalanceEpisodes)));
    }

    private static NeuralTppPolicy Load(BroadcastingPolicySpec spec, BroadcastingEnvironment env)
    {
        var policy = NeuralTppPolicyFile.Load(spec.File!, null);
        try { policy.CreateState(env.Spec.Context, new DecisionRandom(0)); }
        catch (PolicyContextException e) { throw new UserInputException($"{spec.File}: {e.Message}"); }
        if (policy.Layout.FeedbackSources != env.FeedbackSources)
            throw new UserInputException($"{spec.File}: the policy embeds {policy.Layout.FeedbackSources} feedback sources, this broadcaster has {env.FeedbackSources} (its sources + 1); train it for this broadcaster.");
        if (policy.FixedZeroDecay != spec.WtZero)
            throw new UserInputException($"{spec.File}: {(policy.FixedZeroDecay ? "is a w_t = 0 policy; name it tpprl-wt0" : "is not a w_t = 0 policy; name it tpprl")}.");
        return policy;
    }

    private static Dictionary<string, double> Means(PolicyEvaluation e) =>
        e.MetricNames.ToDictionary(m => m, m => e.Values(m).Average());
}
