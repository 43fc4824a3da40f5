using Kairos.Scenarios;
using Kairos.Evaluation;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Tests.Evaluation;

/// <summary>The evaluation protocol as a library service: plan problems all at once, budgets by rule, the same
/// episodes for every policy, and no training of missing policies.</summary>
public sealed class EvaluationServiceTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-evaluation-");
    private static readonly IScenario Counting = ScenarioCatalog.Get("toy-counting");

    public void Dispose() => _dir.Delete(recursive: true);

    private string SavedPolicy(string name, double initialRate)
    {
        string path = Path.Combine(_dir.FullName, name);
        var policy = NeuralTppPolicy.Initialize(Counting.CreateEnvironment().Spec.Context, SeedSequence.Stream(3, 1), hidden: 3,
            initialRate: initialRate);
        NeuralTppPolicyFile.Save(policy, path, Counting.Name);
        return path;
    }

    [Fact]
    public void Problems_ReportsEveryProblemAtOnce()
    {
        string missing = Path.Combine(_dir.FullName, "nope.json");
        var plan = new EvaluationPlan(Counting,
            [new BaselinePolicySpec("poison"), new BaselinePolicySpec("optimal"), new BaselinePolicySpec("optimal"),
             new LearnedPolicySpec(missing, WtZero: true)],
            BudgetRule.Fixed(-3), Seed: 1, Episodes: 0) { Threads = 0 };

        var problems = plan.Problems();

        Assert.Equal(["Episodes", "Threads", "Budget", "Policies", "Policies", "Policies"], problems.Select(p => p.Option));
        Assert.Contains(problems, p => p.Message.Contains("Did you mean 'poisson'?"));
        Assert.Contains(problems, p => p.Message.Contains("'optimal' 2 times"));
        Assert.Contains(problems, p => p.Message.Contains($"`kairos train toy-counting --wt-zero --out {missing}`"));
        Assert.Throws<ArgumentException>(() => EvaluationService.Run(plan));
    }

    [Fact]
    public void MatchRule_WithoutALearnedPolicy_IsAProblem()
    {
        var plan = new EvaluationPlan(Counting, [new BaselinePolicySpec("poisson")], BudgetRule.MatchFirstLearned, 1, 5);
        Assert.Equal("MatchBudget", Assert.Single(plan.Problems()).Option);
    }

    [Fact]
    public void MissingPolicy_IsNotTrained()
    {
        string missing = Path.Combine(_dir.FullName, "models", "toy-counting.tpprl.json");
        var plan = new EvaluationPlan(Counting, [new LearnedPolicySpec(missing)], BudgetRule.ScenarioDefault, 1, 5);
        Assert.Throws<ArgumentException>(() => EvaluationService.Run(plan));
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public void Baselines_RunOnTheSameEpisodesAsTheEvaluator()
    {
        var plan = new EvaluationPlan(Counting, [new BaselinePolicySpec("optimal"), new BaselinePolicySpec("poisson")],
            BudgetRule.Unmatched, Seed: 7, Episodes: 40);

        var result = EvaluationService.Run(plan);

        Assert.Null(result.Budget);
        Assert.Equal(10, result.Horizon);
        Assert.Equal(["optimal", "poisson"], result.Policies.Select(p => p.Policy));
        var direct = Evaluator.Evaluate(Counting.CreateEnvironment(),
            [Counting.CreateBaseline("optimal", null, 7), Counting.CreateBaseline("poisson", null, 7)], 40, 7);
        for (int k = 0; k < 2; k++)
            Assert.Equal(direct[k].Values("reward"), result.Policies[k].Values("reward"));
    }

    [Fact]
    public void FixedBudget_TunesTheBaselinesToIt()
    {
        // toy-counting's poisson baseline at budget b runs at rate b/T: b = 30 over T = 10 gives rate 3, and the mean
        // count over 400 episodes is within 4 standard errors (sd √30 / √400 ≈ 0.27) of 30.
        var plan = new EvaluationPlan(Counting, [new BaselinePolicySpec("poisson")], BudgetRule.Fixed(30), Seed: 2, Episodes: 400);

        var result = EvaluationService.Run(plan);

        Assert.Equal(30, result.Budget);
        Assert.InRange(result.Policies[0].MeanActions, 30 - 4 * 0.274, 30 + 4 * 0.274);
    }

    [Fact]
    public void MatchFirstLearned_TunesTheBaselinesToTheLearnedPolicysMeanActions()
    {
        string path = SavedPolicy("p.json", initialRate: 4);
        var plan = new EvaluationPlan(Counting, [new BaselinePolicySpec("poisson"), new LearnedPolicySpec(path)],
            BudgetRule.MatchFirstLearned, Seed: 5, Episodes: 30);

        var result = EvaluationService.Run(plan);

        Assert.Equal(["poisson", "tpprl"], result.Policies.Select(p => p.Policy));
        Assert.Equal(result.Policies[1].MeanActions, result.Budget);
        Assert.InRange(result.Budget!.Value, 20, 60);   // started near 4 actions per unit time over T = 10
    }

    [Fact]
    public void TwoLearnedPoliciesWithTheSameName_AreNamedByTheirSpecs()
    {
        string a = SavedPolicy("a.json", 1), b = SavedPolicy("b.json", 2);
        var plan = new EvaluationPlan(Counting, [new LearnedPolicySpec(a), new LearnedPolicySpec(b)], BudgetRule.Unmatched, 1, 3);

        var result = EvaluationService.Run(plan);

        Assert.Equal(["tpprl:" + a, "tpprl:" + b], result.Policies.Select(p => p.Policy));
    }

    [Fact]
    public void UnreadablePolicyFile_IsAUserErrorNamingTheFile()
    {
        string path = Path.Combine(_dir.FullName, "broken.json");
        File.WriteAllText(path, "{ not json");
        var plan = new EvaluationPlan(Counting, [new LearnedPolicySpec(path)], BudgetRule.Unmatched, 1, 3);

        var e = Assert.Throws<UserInputException>(() => EvaluationService.Run(plan));
        Assert.Contains(path, e.Message);
    }
}
