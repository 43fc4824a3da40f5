namespace Kairos.Tests.Cli;

/// <summary>`evaluate` with a bare tpprl and no policy of the user's own uses the policy shipped with kairos from any
/// working directory (the installed tool's included), not only from the repository root where data/models lies.</summary>
public sealed class ShippedPolicyDefaultTests
{
    [Fact]
    public void BareTpprl_OutsideTheRepository_UsesTheCopyBuiltIntoKairos()
    {
        Assert.False(File.Exists(Path.Combine("data", "models", "spaced-repetition.tpprl.json")), "the test must run outside the repository root");
        Assert.False(File.Exists(Path.Combine("kairos-models", "spaced-repetition.tpprl.json")));
        var r = CliRunner.Run("evaluate", "spaced-repetition", "--policies", "uniform,tpprl", "--budget", "1900", "--episodes", "2", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("using the shipped data/models/spaced-repetition.tpprl.json (the copy built into kairos", r.Stderr);
        Assert.Contains("\"name\": \"tpprl\"", r.Stdout);
    }
}
