namespace Kairos.Tests.Cli;

/// <summary>`experiment ad-delivery --log-seeds A,B --per-user --json`: the per-user utilities, the across-log differences
/// (per-log means equal to each log's paired difference, mean equal to the pooled one) and the members' history-weight
/// effective sample size in the JSON.</summary>
public sealed class AdDeliveryAcrossLogsCliTests
{
    [Fact]
    public void TwoLogs_JsonCarriesPerUserUtilities_AcrossLogDifferences_AndTheWeightEss()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-across-logs-");
        try
        {
            Check(dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Check(string dir)
    {
        var r = CliRunner.Run("experiment", "ad-delivery", "--sizes", "20", "--log-seeds", "1,2", "--eval-users", "3", "--ensemble", "3", "--epochs", "1",
            "--patience", "1", "--rollouts", "1", "--posterior", "laplace", "--seed", "1", "--threads", "1", "--per-user", "--out", dir, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = r.Json();
        var sizes = json.GetProperty("sizes").EnumerateArray().ToList();
        Assert.Equal(2, sizes.Count);
        foreach (var s in sizes)
        {
            var plan = s.GetProperty("perUserUtility").GetProperty("plan").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(3, plan.Length);
            var file = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"utility-20-s{s.GetProperty("logSeed").GetInt32()}.json"))).RootElement;
            Assert.Equal(plan, file.GetProperty("perUserUtility").GetProperty("plan").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(s.GetProperty("policies")[0].GetProperty("utility").GetDouble(), plan.Average(), 12);
            var ess = s.GetProperty("memberWeightEss");
            Assert.Equal(3, ess.GetProperty("members").GetInt32());
            Assert.InRange(ess.GetProperty("min").GetDouble(), 1 - 1e-9, 3 + 1e-9);
            Assert.InRange(ess.GetProperty("mean").GetDouble(), ess.GetProperty("min").GetDouble(), 3 + 1e-9);
        }
        var pooled = json.GetProperty("pooled")[0];
        var across = pooled.GetProperty("acrossLogs").EnumerateArray().ToList();
        Assert.Equal(["plan", "plan-thompson"], across.Select(a => a.GetProperty("policy").GetString()));
        foreach (var a in across)
        {
            string policy = a.GetProperty("policy").GetString()!;
            var perLog = a.GetProperty("perLog").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int l = 0; l < 2; l++)
                Assert.Equal(sizes[l].GetProperty("versusPlugin").EnumerateArray().Single(v => v.GetProperty("policy").GetString() == policy).GetProperty("mean").GetDouble(), perLog[l], 12);
            Assert.Equal(pooled.GetProperty("versusPlugin").EnumerateArray().Single(v => v.GetProperty("policy").GetString() == policy).GetProperty("mean").GetDouble(),
                a.GetProperty("mean").GetDouble(), 12);
            Assert.True(a.GetProperty("crossed").GetProperty("lower").GetDouble() <= a.GetProperty("mean").GetDouble());
        }
        var without = CliRunner.Run("experiment", "ad-delivery", "--sizes", "20", "--eval-users", "2", "--ensemble", "0", "--epochs", "1", "--patience", "1",
            "--rollouts", "1", "--seed", "1", "--threads", "1", "--json");
        Assert.True(without.ExitCode == 0, without.Stderr);
        Assert.False(without.Json().GetProperty("sizes")[0].TryGetProperty("perUserUtility", out _));   // off by default (nulls are left out)
    }
}
