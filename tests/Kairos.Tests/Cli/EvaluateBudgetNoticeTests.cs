using Kairos.Cli.Commands;
using Kairos.Evaluation;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Tests.Cli;

/// <summary>`evaluate` never compares policies at unequal budgets silently: a second learned policy at another budget
/// than the baselines were tuned to, or policies left unmatched, get a warning; a learned policy that never acts
/// names itself instead of the scenario's "budget must be > 0, got 0"; a policy file trained for another setting is
/// the user's error naming the file, not an internal error in every worker.</summary>
public sealed class EvaluateBudgetNoticeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-budget-notice-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>A near-Poisson toy-counting policy at <paramref name="rate"/> actions per time unit (one update only).</summary>
    private string Policy(string name, double rate)
    {
        string path = Path.Combine(_dir.FullName, name);
        var r = CliRunner.Run("train", "toy-counting", "--iterations", "1", "--batch", "2", "--eval-every", "0", "--held-out-episodes", "2",
            "--initial-rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lr", "1e-6", "--out", path, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return path;
    }

    [Fact]
    public void ASecondLearnedPolicyAtAnotherBudget_IsFlagged()
    {
        string low = Policy("low.json", 1), high = Policy("high.json", 4);
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", $"poisson,tpprl:{low},tpprl:{high}", "--match-budget",
            "--episodes", "40", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"tpprl:{high} took", r.Stderr);
        Assert.Contains("another budget than the baselines were tuned to", r.Stderr);
        Assert.DoesNotContain($"tpprl:{low} took", r.Stderr);
    }

    [Fact]
    public void UnmatchedPolicies_AreSaidToBeUnmatched()
    {
        // Without a budget, policies whose mean actions differ are said to be unmatched (synthetic results: 5 vs 17)
        static PolicyEvaluation Run(string name, int actions) => new(name,
            Enumerable.Range(0, 4).Select(_ => new EpisodeResult(actions, new Dictionary<string, double> { ["reward"] = actions }, actions, null)).ToList());
        var scenario = ScenarioCatalog.Get("toy-counting");
        var unmatched = new EvaluationResult(scenario, 4, 1, null, [Run("poisson", 5), Run("optimal", 17)], 10);
        Assert.Contains(BudgetCheck.Unmatched(unmatched), m => m.StartsWith("budgets are not matched", StringComparison.Ordinal));
        Assert.Empty(BudgetCheck.Unmatched(unmatched with { Policies = [Run("poisson", 17), Run("optimal", 17)] }));

        // With a budget the tuned baseline is silent, and the toy's analytic optimum says that it keeps its own rate
        var matched = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson,optimal", "--budget", "10", "--episodes", "40", "--json");
        Assert.Equal(0, matched.ExitCode);
        Assert.DoesNotContain("warning", matched.Stderr);
        Assert.Contains("note: optimal is not tuned to the budget (", matched.Stderr);
        Assert.Contains("the analytic optimum of reward − q/2∫λ²", matched.Stderr);
    }

    [Fact]
    public void PoliciesOffTheBudget_AreNamedInOneLinePerKindOfGap()
    {
        // Four episodes with actions a and b alternating: mean (a + b) / 2
        static PolicyEvaluation Run(string name, int a, int? b = null) => new(name,
            Enumerable.Range(0, 4).Select(i => i % 2 == 0 ? a : b ?? a)
                .Select(n => new EpisodeResult(n, new Dictionary<string, double> { ["recall"] = 0.5 }, n, null)).ToList());
        var scenario = ScenarioCatalog.Get("spaced-repetition");
        var result = new EvaluationResult(scenario, 4, 1, 100,
            [Run("uniform", 0), Run("memorize", 100), Run("cram", 3, 4), Run("oracle", 0), Run("tpprl:a.json", 200), Run("tpprl:b.json", 50)], 14);
        var lines = BudgetCheck.Unmatched(result).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("budget 100: uniform, cram and oracle took 0, 3.5 and 0 actions per episode, not within 10% of the budget; " +
                     "their numbers are not comparable at equal budgets", lines[0]);
        Assert.Equal("budget 100: tpprl:a.json and tpprl:b.json took 200 and 50 actions per episode, another budget than the " +
                     "baselines were tuned to; their numbers are not comparable to theirs", lines[1]);

        var one = BudgetCheck.Unmatched(result with { Policies = [Run("uniform", 0), Run("memorize", 100)] }).Single();
        Assert.Equal("budget 100: uniform took 0 actions per episode, not within 10% of the budget; its numbers are not comparable at equal budgets", one);
    }

    [Fact]
    public void ALearnedPolicyThatNeverActs_NamesItselfAndTheBudgetFlag()
    {
        string silent = Policy("silent.json", 1e-9);
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", $"poisson,tpprl:{silent}", "--match-budget", "--episodes", "5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: tpprl:{silent} took no actions", r.Stderr);
        Assert.Contains("--budget", r.Stderr);
        Assert.DoesNotContain("got 0", r.Stderr);
    }

    [Fact]
    public void APolicyFileForAnotherSetting_IsTheUsersErrorNamingTheFile()
    {
        string file = Path.Combine(UserErrorTableTests.RepositoryRoot(), "data", "models", "spaced-repetition.tpprl.json");
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", $"poisson,tpprl:{file}", "--episodes", "3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {file}: trained on 'spaced-repetition', does not fit 'toy-counting'", r.Stderr);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));
        Assert.DoesNotContain("internal error", r.Stderr);
    }
}
