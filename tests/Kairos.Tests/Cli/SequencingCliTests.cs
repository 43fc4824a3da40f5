namespace Kairos.Tests.Cli;

/// <summary>The sequencing scenario through the CLI: `evaluate` runs its choice baselines; `train` (a timing
/// policy) and a budget are user errors.</summary>
public sealed class SequencingCliTests
{
    [Fact]
    public void Evaluate_RunsTheChoiceBaselines_GridAheadOfRandom()
    {
        var r = CliRunner.Run("evaluate", "sequencing", "--policies", "grid,random", "--episodes", "2000", "--seed", "3", "--json");
        Assert.Equal(0, r.ExitCode);
        var policies = r.Json().GetProperty("policies").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("metrics").GetProperty("reward").GetProperty("mean").GetDouble());
        Assert.InRange(policies["grid"], 0.88, 0.92);   // exact 0.8987 (digest §9), SE ≈ 0.007 at 2000 customers
        Assert.True(policies["grid"] > policies["random"]);
    }

    [Fact]
    public void Train_OnAChoiceOnlyScenario_IsAUserError()
    {
        var r = CliRunner.Run("train", "sequencing", "--iterations", "1", "--out", Path.Combine(Path.GetTempPath(), "never-written.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("accepts only choice decisions", r.Stderr);
        Assert.Contains("kairos evaluate sequencing", r.Stderr);
    }

    [Fact]
    public void Evaluate_WithABudget_IsAUserError()
    {
        var r = CliRunner.Run("evaluate", "sequencing", "--policies", "grid", "--budget", "3", "--episodes", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("budget", r.Stderr);
    }
}
