using System.Text.Json;
using Kairos.Cli;

namespace Kairos.Tests.Simulation;

public class EvaluateCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Kairos.Tests.Cli.CliRunner.RunTuple(args);

    [Fact]
    public void TrainThenEvaluate_Json_HasTheSharedShape()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kairos-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string policy = Path.Combine(dir, "p.json");
            var train = Run("train", "toy-switching", "--policy", "tpprl", "--iterations", "3", "--batch", "4", "--hidden", "3",
                "--eval-every", "0", "--seed", "5", "--baseline", "leave-one-out-causal", "--out", policy, "--json");
            Assert.True(train.Code == 0, train.Err);
            using (var t = JsonDocument.Parse(train.Out)) Assert.Equal("train", t.RootElement.GetProperty("command").GetString());
            Assert.True(File.Exists(policy) && File.Exists(Path.Combine(dir, "p.curve.csv")) && File.Exists(Path.Combine(dir, "p.curve.png")));

            var (code, output, err) = Run("evaluate", "toy-switching", "--policies", $"poisson,optimal,tpprl:{policy}",
                "--episodes", "12", "--seed", "3", "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal("toy-switching", root.GetProperty("environment").GetString());
            Assert.Equal(12, root.GetProperty("episodes").GetInt32());
            Assert.Equal(3, root.GetProperty("seed").GetInt32());
            var policies = root.GetProperty("policies").EnumerateArray().ToList();
            Assert.Equal(["poisson", "optimal", "tpprl"], policies.Select(p => p.GetProperty("name").GetString()));
            foreach (var p in policies)
            {
                Assert.True(p.GetProperty("actions").GetProperty("mean").GetDouble() >= 0);
                var reward = p.GetProperty("metrics").GetProperty("reward");
                foreach (var k in new[] { "mean", "median", "q1", "q3" }) Assert.Equal(JsonValueKind.Number, reward.GetProperty(k).ValueKind);
            }
            // Table output without --json.
            var table = Run("evaluate", "toy-switching", "--policies", "optimal", "--episodes", "4");
            Assert.Equal(0, table.Code);
            Assert.Contains("optimal", table.Out);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Evaluate_UnknownPolicyAndEnvironment_ReportsAllProblemsWithExitCode2()
    {
        var (code, _, err) = Run("evaluate", "toy-countin", "--policies", "poisson", "--episodes", "0");
        Assert.Equal(2, code);
        Assert.Contains("unknown environment 'toy-countin'", err);
        Assert.Contains("--episodes must be >= 1", err);
        var r = Run("evaluate", "toy-counting", "--policies", "poison,tpprl:/nonexistent.json");
        Assert.Equal(2, r.Code);
        Assert.Contains("--policies 'poison' is not a baseline of toy-counting", r.Err);
        Assert.Contains("/nonexistent.json", r.Err);
    }

    [Fact]
    public void Train_BadOptions_ReportsAllProblems()
    {
        var (code, _, err) = Run("train", "toy-counting", "--policy", "gru", "--batch", "1", "--q-intensity", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--policy 'gru'", err);
        Assert.Contains("--batch must be >= 2, got 1", err);
        Assert.Contains("--q-intensity must be a finite number >= 0, got -1", err);
        Assert.DoesNotContain("BatchSize", err);
        Assert.DoesNotContain("qIntensity", err);
    }
}
