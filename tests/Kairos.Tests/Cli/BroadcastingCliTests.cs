namespace Kairos.Tests.Cli;

public sealed class BroadcastingCliTests
{
    [Fact]
    public void EvaluateBroadcasting_Baselines_ReportsRatiosToPoisson()
    {
        var r = CliRunner.Run("evaluate", "broadcasting", "--policies", "poisson,redqueen,karimi", "--episodes", "5", "--budget", "4", "--threads", "1", "--json");
        Assert.Equal(0, r.ExitCode);
        var json = r.Json();
        Assert.Equal("broadcasting", json.GetProperty("environment").GetString());
        var policies = json.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["poisson", "redqueen", "karimi"], policies.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(1.0, policies[0].GetProperty("ratios").GetProperty("avg_rank_ratio").GetDouble());
        Assert.True(policies[1].GetProperty("budget_match").GetProperty("evaluations").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("--feed", "sorted", "--feed 'sorted'")]
    [InlineData("--policies", "poisson,redqueeen", "redqueeen")]
    [InlineData("--posts", "x.csv", "--posts, --follows and --broadcaster go together")]
    public void EvaluateBroadcasting_BadInput_ExitsTwoWithOneErrorLine(string flag, string value, string expected)
    {
        var r = CliRunner.Run("evaluate", "broadcasting", flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.StartsWith("error:", r.Stderr.Trim());
    }

    [Fact]
    public void BroadcastingFlags_OnAnotherEnvironment_AreAnError()
    {
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson", "--feed", "chronological");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--feed applies to the broadcasting environment only", r.Stderr);
    }

    [Fact]
    public void Experiment_BadInput_NamesEveryFlag()
    {
        var r = CliRunner.Run("experiment", "broadcast", "--users", "0", "--reward", "rank");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown experiment 'broadcast'", r.Stderr);
        Assert.Contains("--users", r.Stderr);
        Assert.Contains("--reward 'rank'", r.Stderr);
    }

    [Fact]
    public void Experiment_BadTrainingFlags_AreNamed()
    {
        var r = CliRunner.Run("experiment", "broadcasting", "--baseline", "mean", "--hidden", "0", "--budget", "-3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--baseline 'mean'", r.Stderr);
        Assert.Contains("--hidden", r.Stderr);
        Assert.Contains("--budget", r.Stderr);
    }

    [Fact]
    public void Experiment_TrainedToABudget_ReportsItsSettings()
    {
        string dir = Directory.CreateTempSubdirectory("kairos-exp").FullName;
        try
        {
            var r = CliRunner.Run("experiment", "broadcasting", "--users", "1", "--runs", "2", "--iterations", "2", "--policies", "poisson,tpprl",
                "--budget", "4", "--q", "0", "--hidden", "4", "--baseline", "leave-one-out-causal", "--out", dir, "--threads", "1", "--json");
            Assert.Equal(0, r.ExitCode);
            var json = r.Json();
            Assert.Equal(4, json.GetProperty("budget").GetDouble());
            Assert.Equal(4, json.GetProperty("hidden").GetInt32());
            Assert.Equal("leave-one-out-causal", json.GetProperty("baseline").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Experiment_TwoTinyUsers_IsResumableAndSummarises()
    {
        string dir = Directory.CreateTempSubdirectory("kairos-exp").FullName;
        try
        {
            string[] args = ["experiment", "broadcasting", "--users", "2", "--runs", "3", "--iterations", "2", "--out", dir, "--threads", "2", "--json"];
            var first = CliRunner.Run(args);
            Assert.Equal(0, first.ExitCode);
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "results.jsonl")).Length);
            var again = CliRunner.Run(args);   // resumed: nothing recomputed, same summary
            Assert.Equal(first.Stdout, again.Stdout);
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "results.jsonl")).Length);
            var other = CliRunner.Run([.. args[..^1], "--q", "3", "--json"]);
            Assert.Equal(2, other.ExitCode);
            Assert.Contains("other settings", other.Stderr);
        }
        finally { Directory.Delete(dir, true); }
    }
}
