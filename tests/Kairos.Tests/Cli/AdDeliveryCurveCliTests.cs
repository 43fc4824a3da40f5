namespace Kairos.Tests.Cli;

/// <summary>`experiment ad-delivery-curve --from DIR`: reads the folder `experiment ad-delivery --out DIR` writes (baselines
/// first, then one file per log and size) and agrees with that run's own JSON: the pooled utilities, the across-log crossed
/// intervals and the baselines; writes a PNG; a folder that is not such a run is the user's error (exit 2).</summary>
public sealed class AdDeliveryCurveCliTests
{
    [Fact]
    public void TheCurve_AgreesWithTheExperimentsOwnPooledRows_AndWritesAPlot()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-curve-");
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
        string run = Path.Combine(dir, "run");
        var r = CliRunner.Run("experiment", "ad-delivery", "--sizes", "20,30", "--log-seeds", "1,2", "--eval-users", "3", "--ensemble", "3", "--epochs", "1",
            "--patience", "1", "--rollouts", "1", "--posterior", "laplace", "--seed", "1", "--threads", "1", "--per-user", "--out", run, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var experiment = r.Json();
        Assert.True(File.Exists(Path.Combine(run, "baselines.json")));
        string png = Path.Combine(dir, "curve.png");
        var c = CliRunner.Run("experiment", "ad-delivery-curve", "--from", run, "--plot", png, "--json");
        Assert.True(c.ExitCode == 0, c.Stderr);
        var curve = c.Json();
        Assert.Equal([1, 2], curve.GetProperty("logSeeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty(curve.GetProperty("incompleteLogSeeds").EnumerateArray());
        var points = curve.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([20, 30], points.Select(p => p.GetProperty("users").GetInt32()));
        foreach (var point in points)
        {
            int n = point.GetProperty("users").GetInt32();
            var pooled = experiment.GetProperty("pooled").EnumerateArray().Single(p => p.GetProperty("users").GetInt32() == n);
            foreach (var level in point.GetProperty("policies").EnumerateArray())
            {
                string policy = level.GetProperty("policy").GetString()!;
                var row = pooled.GetProperty("policies").EnumerateArray().Single(u => u.GetProperty("name").GetString() == policy);
                Assert.Equal(row.GetProperty("utility").GetDouble(), level.GetProperty("utility").GetProperty("mean").GetDouble(), 12);
                Assert.Equal(row.GetProperty("adsPerUser").GetDouble(), level.GetProperty("adsPerUser").GetDouble(), 12);
            }
            var differences = point.GetProperty("differences").EnumerateArray().ToList();
            Assert.Equal(["plan", "plan-thompson"], differences.Select(d => d.GetProperty("policy").GetString()));
            foreach (var d in differences)
            {
                var across = pooled.GetProperty("acrossLogs").EnumerateArray().Single(a => a.GetProperty("policy").GetString() == d.GetProperty("policy").GetString());
                foreach (var bound in new[] { "lower", "upper" })
                    Assert.Equal(across.GetProperty("crossed").GetProperty(bound).GetDouble(), d.GetProperty("crossed").GetProperty(bound).GetDouble(), 12);
                Assert.Equal(across.GetProperty("tOverLogs").GetProperty("lower").GetDouble(), d.GetProperty("tOverLogs").GetProperty("lower").GetDouble(), 12);
            }
        }
        var oracle = curve.GetProperty("references").EnumerateArray().Single(x => x.GetProperty("policy").GetString() == "oracle");
        var baseline = experiment.GetProperty("baselines").EnumerateArray().Single(x => x.GetProperty("name").GetString() == "oracle");
        Assert.Equal(baseline.GetProperty("utility").GetDouble(), oracle.GetProperty("utility").GetProperty("mean").GetDouble(), 12);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(0x89, bytes[0]);

        var table = CliRunner.Run("experiment", "ad-delivery-curve", "--from", run);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("plan − plan-plugin", table.Stdout);

        File.Delete(Path.Combine(run, "utility-30-s2.json"));   // log 2 stopped before its last size: left out, and said so
        var partial = CliRunner.Run("experiment", "ad-delivery-curve", "--from", run, "--json");
        Assert.True(partial.ExitCode == 0, partial.Stderr);
        Assert.Equal([2], partial.Json().GetProperty("incompleteLogSeeds").EnumerateArray().Select(e => e.GetInt32()));

        File.Delete(Path.Combine(run, "baselines.json"));
        var missing = CliRunner.Run("experiment", "ad-delivery-curve", "--from", run, "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("baselines.json", missing.Stderr);
        var nowhere = CliRunner.Run("experiment", "ad-delivery-curve", "--from", Path.Combine(dir, "absent"));
        Assert.Equal(2, nowhere.ExitCode);
    }
}
