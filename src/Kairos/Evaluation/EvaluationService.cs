using Kairos.Scenarios;
using Kairos.Decisions;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>
/// Runs an <see cref="EvaluationPlan"/>: builds the baselines and loads the learned policies, tunes the baselines to
/// the plan's budget, and evaluates every policy on the same episodes. A learned policy trained on a same-episode
/// sibling scenario (e.g. spaced-repetition-timed beside spaced-repetition) runs on its own environment, on the same
/// users. Nothing is trained here: a missing policy file is a problem of the plan.
/// </summary>
public static class EvaluationService
{
    /// <summary>Evaluates the plan. Throws <see cref="ArgumentException"/> when <see cref="EvaluationPlan.Problems"/>
    /// reports any (check them first), and <see cref="UserInputException"/> naming the file when a policy file is
    /// unreadable or was trained for other inputs.</summary>
    public static EvaluationResult Run(EvaluationPlan plan, IProgressSink? progress = null)
    {
        OptionProblem.ThrowIfAny(plan.Problems(), nameof(EvaluationPlan));
        var scenario = plan.Scenario;
        var learned = LoadLearned(plan);
        var environments = new Dictionary<string, IEnvironment>();
        IEnvironment EnvOf(IScenario s) => environments.TryGetValue(s.Name, out var e) ? e : environments[s.Name] = s.CreateEnvironment();

        double? budget = plan.Budget switch
        {
            BudgetRule.FixedRule f => f.ActionsPerEpisode,
            BudgetRule.MatchFirstLearnedRule => LearnedBudget(),
            BudgetRule.ScenarioDefaultRule when learned.Count > 0 && scenario.MatchesBudgetByDefault => LearnedBudget(),
            _ => null,
        };
        double? LearnedBudget()
        {
            var (index, (first, home)) = learned.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).First();
            double actions = Evaluator.Evaluate(EnvOf(home), [first], plan.Episodes, plan.Seed, plan.Threads)[0].MeanActions;
            // A policy that never acts leaves nothing to match; the user gave no budget, so say whose it was.
            if (!(actions > 0))
                throw new UserInputException($"{plan.Policies[index].Text} took no actions in {plan.Episodes} episode(s), so there is no " +
                    "budget to tune the baselines to; give one with --budget, or evaluate a policy that acts");
            return actions;
        }

        var runs = plan.Policies.Select((spec, i) => learned.TryGetValue(i, out var l) ? (l.Policy, l.Home)
            : spec is AdPolicyFileSpec ad ? (LoadAd(ad), scenario)
            : (scenario.CreateBaseline(((BaselinePolicySpec)spec).Name, budget, plan.Seed), scenario)).ToList();
        // Episode i is the same user in every same-episode scenario: evaluate each scenario's policies on its environment.
        var evaluations = new PolicyEvaluation[runs.Count];
        int done = 0;
        foreach (var group in Enumerable.Range(0, runs.Count).GroupBy(i => runs[i].Item2.Name))
        {
            var idx = group.ToList();
            var r = Evaluator.Evaluate(EnvOf(runs[idx[0]].Item2), idx.Select(i => runs[i].Item1).ToList(), plan.Episodes, plan.Seed,
                plan.Threads, progress is null ? null : new OffsetProgress(progress, done), record: plan.RecordEpisodes);
            for (int k = 0; k < idx.Count; k++) evaluations[idx[k]] = r[k];
            done += idx.Count * plan.Episodes;
        }
        return new EvaluationResult(scenario, plan.Episodes, plan.Seed, budget, evaluations, EnvOf(scenario).Spec.Horizon);
    }

    /// <summary>An ad-delivery policy file, named by its label; with <see cref="AdPolicyFileSpec.AsKind"/>, the file's
    /// model and costs under that rule.</summary>
    public static AdPolicy LoadAd(AdPolicyFileSpec spec)
    {
        var policy = AdPolicyFile.Read(spec.Path);
        var plan = policy as AdPlanningPolicy;
        return AdPolicyFile.Create(spec.AsKind ?? policy.Kind, policy.Model, policy.Costs, (policy as AdSoftmaxPolicy)?.Xi, spec.Label,
            plan?.Rollouts, plan?.Lookahead, plan?.Continuation ?? AdContinuation.None);
    }

    /// <summary>Learned policies by position in the plan, each with the scenario it runs on.</summary>
    private static Dictionary<int, (IDeliveryPolicy Policy, IScenario Home)> LoadLearned(EvaluationPlan plan)
    {
        var learned = new Dictionary<int, (IDeliveryPolicy Policy, IScenario Home)>();
        var problems = new List<string>();
        for (int i = 0; i < plan.Policies.Count; i++)
        {
            if (plan.Policies[i] is not LearnedPolicySpec spec) continue;
            try
            {
                string? trainedOn = NeuralTppPolicyFile.ReadEnvironment(spec.Path);
                var home = trainedOn is not null && plan.Scenario.SameEpisodeScenarios.Contains(trainedOn)
                    ? plan.Scenario.SameEpisodeScenario(trainedOn) : plan.Scenario;
                var policy = LearnedPolicyFiles.Load(spec.Path, home);
                if (ContextProblem(policy, home) is { } misfit)
                    problems.Add($"{spec.Path}: {(trainedOn is null ? "" : $"trained on '{trainedOn}', ")}does not fit '{plan.Scenario.Name}': {misfit}");
                learned[i] = (policy, home);
            }
            catch (UserInputException e) { problems.AddRange(e.Problems); }
        }
        UserInputException.ThrowIfAny(problems);
        Rename(learned, plan);
        return learned;
    }

    /// <summary>Why <paramref name="policy"/> cannot act in <paramref name="home"/>'s environment (marks, feedback or
    /// features of another setting), or null; checked once before any episode, so that a policy file trained elsewhere
    /// is the user's error naming the file, not a failure inside every worker.</summary>
    private static string? ContextProblem(IDeliveryPolicy policy, IScenario home)
    {
        var env = home.CreateEnvironment();
        try
        {
            EpisodeRunner.Modes(env, policy);
            if (policy is IEpisodeAwarePolicy) return null;
            var state = policy.CreateState(env.Spec.Context, new DecisionRandom(0));
            return env is IIntensityCostedEnvironment { IntensityCost: not null } && state is not ISquaredIntensityIntegral
                ? $"its states do not expose their intensity, so {env.Name}'s objective (reward − q/2∫λ²) cannot be computed for it"
                : null;
        }
        catch (PolicyContextException e) { return e.Message; }
    }

    /// <summary>Learned policies are named tpprl, or tpprl-wt0 for the w_t = 0 ablation, plus "-&lt;variant&gt;" when
    /// trained on a same-episode sibling scenario (tpprl-timed on spaced-repetition); clashing names fall back to the
    /// spec's text.</summary>
    private static void Rename(Dictionary<int, (IDeliveryPolicy Policy, IScenario Home)> learned, EvaluationPlan plan)
    {
        string scenario = plan.Scenario.Name;
        foreach (var i in learned.Keys.ToList())
        {
            string name = Family(learned[i].Policy, learned[i].Home, scenario);
            string unique = learned.Values.Count(l => Family(l.Policy, l.Home, scenario) == name) > 1 ? plan.Policies[i].Text : name;
            learned[i] = (LearnedPolicyFiles.WithName(learned[i].Policy, unique), learned[i].Home);
        }
    }

    /// <summary>The name a learned policy file gets when evaluated on <paramref name="scenario"/> alone (tpprl,
    /// tpprl-wt0, tpprl-timed, …): policies of one family, e.g. trained to several budgets, form one line of a budget
    /// curve.</summary>
    public static string FamilyName(IScenario scenario, LearnedPolicySpec spec)
    {
        string? trainedOn = NeuralTppPolicyFile.ReadEnvironment(spec.Path);
        var home = trainedOn is not null && scenario.SameEpisodeScenarios.Contains(trainedOn) ? scenario.SameEpisodeScenario(trainedOn) : scenario;
        return Family(LearnedPolicyFiles.Load(spec.Path, home), home, scenario.Name);
    }

    private static string Family(IDeliveryPolicy policy, IScenario home, string scenario)
    {
        string name = LearnedPolicyFiles.Family(policy);
        if (home.Name == scenario) return name;
        return name + "-" + (home.Name.StartsWith(scenario + "-", StringComparison.Ordinal) ? home.Name[(scenario.Length + 1)..] : home.Name);
    }

    private sealed class OffsetProgress(IProgressSink inner, double offset) : IProgressSink
    {
        public void Report(double done, string? status = null) => inner.Report(offset + done, status);
    }
}
