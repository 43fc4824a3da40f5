namespace Kairos.Tests.Cli;

/// <summary>`train` reports the kept policy on fresh held-out episodes with a 95% interval; the best of the checks
/// (chosen on the same episodes, so optimistic) is shown only as the selection score.</summary>
public sealed class TrainHeldOutCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-train-heldout-");
    public void Dispose() => _dir.Delete(recursive: true);

    private string[] Args(params string[] extra) =>
        ["train", "toy-counting", "--iterations", "12", "--batch", "4", "--hidden", "3", "--eval-every", "3", "--seed", "5",
         "--out", Path.Combine(_dir.FullName, "p.json"), .. extra];

    [Fact]
    public void Json_FreshEstimateWithIntervalBesideTheSelectionScore()
    {
        var r = CliRunner.Run(Args("--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = r.Json();
        var held = root.GetProperty("heldOut");
        double objective = held.GetProperty("objective").GetDouble(), se = held.GetProperty("standardError").GetDouble();
        var ci = held.GetProperty("ci95").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.True(se > 0);
        Assert.Equal(objective - 1.96 * se, ci[0], 9);
        Assert.Equal(objective + 1.96 * se, ci[1], 9);
        Assert.Equal(64, held.GetProperty("episodes").GetInt32());
        var selection = root.GetProperty("selection");
        Assert.Equal(4, selection.GetProperty("checks").GetInt32());
        // Fresh episodes, not the checks' own: the two scores differ
        Assert.NotEqual(selection.GetProperty("objective").GetDouble(), objective);
    }

    [Fact]
    public void Table_SaysFreshAndOptimistic()
    {
        var r = CliRunner.Run(Args());
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("held-out reward − penalty (64 fresh episodes)", r.Stdout);
        Assert.Contains("95% CI [", r.Stdout);
        Assert.Contains("best of 4 checks on the same 64 episodes", r.Stdout);
        Assert.Contains("optimistic", r.Stdout);
        Assert.DoesNotContain("best held-out", r.Stdout);
    }
}
