namespace Kairos.Tests.Cli;

/// <summary>`evaluate` on the toys ranks by the objective reward − q/2∫λ² the policies are trained for (text, --json and
/// --report), keeps the raw reward beside it, tunes poisson to the learned policy's actions by default, and says that
/// the analytic optimum keeps its own rate.</summary>
public sealed class ToyEvaluateObjectiveTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-toy-objective-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void TheOptimumRanksFirstOnTheObjective_WhileAFasterPolicyHasMoreReward()
    {
        // Given a near-Poisson learned policy at rate 4 (twice the optimum's) on toy-counting
        string fast = Path.Combine(_dir.FullName, "fast.json");
        var train = CliRunner.Run("train", "toy-counting", "--iterations", "1", "--batch", "2", "--eval-every", "0", "--held-out-episodes", "2",
            "--initial-rate", "4", "--lr", "1e-6", "--out", fast, "--json");
        Assert.True(train.ExitCode == 0, train.Stderr);

        // When evaluated beside the baselines with no budget flags
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", $"poisson,optimal,tpprl:{fast}", "--episodes", "400", "--seed", "2", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = r.Json();
        Assert.Equal("objective", root.GetProperty("primaryMetric").GetString());
        var p = root.GetProperty("policies").EnumerateArray().ToDictionary(x => x.GetProperty("name").GetString()!);
        double Mean(string policy, string metric) => p[policy].GetProperty("metrics").GetProperty(metric).GetProperty("mean").GetDouble();

        // Then optimal ranks first by the objective (E = 10 vs 0 for rate 4), the faster policy has more raw reward,
        Assert.Equal(1, p["optimal"].GetProperty("rank").GetInt32());
        Assert.Equal(3, p["tpprl"].GetProperty("rank").GetInt32());
        Assert.InRange(Mean("optimal", "objective"), 9, 11);
        Assert.True(Mean("tpprl", "reward") > Mean("optimal", "reward") + 10);
        Assert.Equal(Mean("tpprl", "reward") - Mean("tpprl", "penalty"), Mean("tpprl", "objective"), 1e-9);
        // poisson was tuned to the learned policy's actions (~40), and optimal was not, with the reason
        double budget = root.GetProperty("budget").GetDouble();
        Assert.InRange(budget, 30, 50);
        Assert.True(p["poisson"].GetProperty("budgetMatched").GetBoolean());
        Assert.InRange(p["poisson"].GetProperty("actions").GetProperty("mean").GetDouble(), 0.9 * budget, 1.1 * budget);
        Assert.False(p["optimal"].GetProperty("budgetMatched").GetBoolean());
        Assert.Contains("analytic optimum", p["optimal"].GetProperty("budgetNote").GetString());
        Assert.Contains("note: optimal is not tuned to the budget (", r.Stderr);

        // and the table stars and ranks the objective, with reward and penalty as columns beside it
        var text = CliRunner.Run("evaluate", "toy-counting", "--policies", $"poisson,optimal,tpprl:{fast}", "--episodes", "50", "--seed", "2");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("objective *", text.Stdout);
        Assert.Contains("#1", text.Stdout);
        Assert.Contains("penalty", text.Stdout);
        Assert.Contains("objective = reward − penalty, penalty = q/2∫λ(t)² dt with q = 0.5", text.Stdout);
        Assert.Contains("Budget: baselines tuned to", text.Stdout);
        Assert.Contains("; optimal is not tuned to the budget (", text.Stdout);
    }

    [Fact]
    public void TheReport_StarsTheObjective_AndSaysWhichBaselineIsNotTuned()
    {
        string html = Path.Combine(_dir.FullName, "toy.html");
        var r = CliRunner.Run("evaluate", "toy-switching", "--policies", "poisson,optimal", "--budget", "6", "--episodes", "20", "--report", html);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string page = System.Net.WebUtility.HtmlDecode(File.ReadAllText(html));
        Assert.Contains("Primary metric: objective (objective = reward − penalty, penalty = q/2∫λ(t)² dt with q = 0.5", page);
        Assert.Contains("objective *", page);
        Assert.Contains("optimal is not tuned to the budget", page);
    }
}
