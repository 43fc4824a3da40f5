namespace Kairos.Tests.Cli;

/// <summary>`kairos ope ad-delivery`: estimates with bootstrap intervals, and a warning when the effective sample size is tiny.</summary>
public sealed class OpeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-ope-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_policy_far_from_the_logging_policy_is_flagged_as_not_to_be_trusted()
    {
        string log = Path.Combine(_dir.FullName, "logs.jsonl");
        Assert.Equal(0, CliRunner.Run("simulate", "ad-delivery", "--users", "60", "--seed", "3", "--out", log).ExitCode);
        var r = CliRunner.Run("ope", "ad-delivery", "--logs", log, "--policies", "random:0.5,never", "--seed", "3", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var policies = r.Json().GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.True(policies["random:0.5"].GetProperty("trusted").GetBoolean());
        Assert.Equal(60, policies["random:0.5"].GetProperty("effective_sample_size").GetDouble(), 9);
        Assert.Equal("studentized-bootstrap", policies["random:0.5"].GetProperty("snips_utility").GetProperty("interval").GetString());
        Assert.False(policies["never"].GetProperty("trusted").GetBoolean());
        Assert.Contains("not to be trusted", policies["never"].GetProperty("warning").GetString());
        Assert.Contains("warning: never: effective sample size", r.Stderr);
        Assert.DoesNotContain("warning: random:0.5", r.Stderr);
    }
}
