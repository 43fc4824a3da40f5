using Kairos.Neural;
using Kairos.Policies;

namespace Kairos.Tests.Cli;

/// <summary>`kairos train --init-burst LEAD` starts a fresh policy as wait-then-burst, and refuses flags that do not fit.</summary>
public sealed class TrainBurstStartCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-train-burst-");
    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void InitBurst_WritesAPolicyWithTheLatchAndTheRamp()
    {
        var r = CliRunner.Run("train", "toy-counting", "--init-burst", "1", "--budget", "40", "--hidden", "2", "--iterations", "1",
            "--batch", "2", "--lr", "1e-9", "--eval-every", "0", "--seed", "3", "--out", P("p.json"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);

        // Then w = κ = 4/lead and the last unit feeds itself with the latch gain (one update of 1e-9 moved neither)
        var policy = NeuralTppPolicyFile.Load(P("p.json"), null);
        var l = policy.Layout;
        var theta = policy.Parameters;
        Assert.Equal(4.0, theta[l.W], 6);
        Assert.Equal(TpprlBurstStart.LatchGain, theta[l.Wh + 1 * l.Hidden + 1], 6);
        Assert.Equal(0.0, theta[l.Wh + 1 * l.Hidden + 0], 6);
    }

    [Theory]
    [InlineData("--init-burst 1", "--init-burst needs --budget N")]
    [InlineData("--init-burst-sharpness 5", "--init-burst-sharpness needs --init-burst")]
    [InlineData("--init-burst 1 --budget 40 --wt-zero", "cannot be combined with --wt-zero")]
    [InlineData("--init-burst 20 --budget 40", "--init-burst 20: the lead must lie in (0, 10)")]
    [InlineData("--init-burst 1 --init-burst-sharpness 1 --budget 40", "is below 3")]
    public void InitBurst_BadCombination_ExitsTwoNamingIt(string flags, string fragment)
    {
        var r = CliRunner.Run(["train", "toy-counting", "--iterations", "1", "--batch", "2", "--out", P("x.json"), .. flags.Split(' ')]);

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains(fragment, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(P("x.json")));
    }
}
