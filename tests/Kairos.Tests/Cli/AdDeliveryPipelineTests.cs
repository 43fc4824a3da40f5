namespace Kairos.Tests.Cli;

/// <summary>simulate → fit-model → train ad-delivery → evaluate ad-delivery (with off-policy columns) on tiny sizes.</summary>
public sealed class AdDeliveryPipelineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-adpipe-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Theory]
    [InlineData("logs.jsonl")]
    [InlineData("logs.parquet")]
    public void SimulatedLog_FitsTrainsAndEvaluates_WithFiniteOffPolicyEstimates(string logName)
    {
        Ok(CliRunner.Run("simulate", "ad-delivery", "--users", "40", "--seed", "3", "--out", P(logName)));
        var fit = Ok(CliRunner.Run("fit-model", "--data", P(logName), "--ensemble", "1", "--hidden", "4", "--epochs", "2", "--seed", "3", "--out", P("model.json"), "--json"));
        var costs = fit.Json().GetProperty("adCosts").EnumerateArray().Select(c => c.GetDouble()).ToArray();
        Assert.Equal([0.02, 0.05, 0.10], costs.Select(c => Math.Round(c, 12)));   // the simulator's ad costs, read from the action rows
        Ok(CliRunner.Run("train", "ad-delivery", "--model", P("model.json"), "--iterations", "2", "--batch", "4", "--eval-users", "5", "--out", P("learned.json"), "--json"));
        var eval = Ok(CliRunner.Run("evaluate", "ad-delivery", "--policies", $"learned:{P("learned.json")},logging,never,myopic", "--logs", P(logName),
            "--dr-rollouts", "1", "--episodes", "6", "--seed", "2", "--json"));
        var policies = eval.Json().GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["learned", "logging", "never", "myopic"], policies.Keys);
        foreach (var name in new[] { "learned", "myopic" })
            foreach (var field in new[] { "ips_utility", "snips_utility", "dr_utility" })
            {
                var e = policies[name].GetProperty(field);
                Assert.True(double.IsFinite(e.GetProperty("value").GetDouble()), $"{name} {field}");
                Assert.True(e.GetProperty("lower").GetDouble() <= e.GetProperty("upper").GetDouble());
            }
        Assert.True(double.IsFinite(policies["learned"].GetProperty("metrics").GetProperty("utility").GetProperty("mean").GetDouble()));
        Assert.False(policies["never"].TryGetProperty("dr_utility", out _));   // only ad policy files are replayed through a model
    }

    [Theory]
    [InlineData("--policies lerned:{dir}/p.json", "learned")]
    [InlineData("--policies learned:{dir}/missing.json", "missing.json")]
    [InlineData("--policies never,myopic", "myopic")]
    [InlineData("--policies learned:{dir}/p.json --dr-rollouts 0", "--dr-rollouts")]
    public void BadPolicyList_ExitsTwoNamingTheProblem(string args, string expected)
    {
        File.WriteAllText(P("p.json"), "{}");
        var r = CliRunner.Run(["evaluate", "ad-delivery", "--episodes", "2", .. args.Replace("{dir}", _dir.FullName).Split(' ')]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error:", r.Stderr);
        Assert.Contains(expected, r.Stderr);
    }

    private static CliRunner.Outcome Ok(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r;
    }
}
