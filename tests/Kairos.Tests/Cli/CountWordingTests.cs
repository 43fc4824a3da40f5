using System.Text.RegularExpressions;
using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Counts read as English ("1 event", "2 events") and booleans as words, never C#'s "True"/"False".</summary>
public sealed class CountWordingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-counts-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly Regex OnePlural = new(@"(?<![\d.,])1 (events|users|episodes|policies|iterations|rows|checks|runs|actions|refits|replicates)\b");
    private static readonly Regex CSharpBool = new(@"\b(True|False)\b");

    private static void AssertReads(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var text in new[] { r.Stdout, r.Stderr })
        {
            Assert.DoesNotMatch(OnePlural, text);
            Assert.DoesNotMatch(CSharpBool, text);
        }
    }

    [Fact]
    public void CountFormat_PicksTheNounsNumber()
    {
        Assert.Equal("1 event", CliFormat.Count(1, "event"));
        Assert.Equal("0 events", CliFormat.Count(0, "event"));
        Assert.Equal("2 policies", CliFormat.Count(2, "policy", "policies"));
        Assert.Equal("1 action", CliFormat.Count(1.0, "G4", "action"));
        Assert.Equal("1.5 actions", CliFormat.Count(1.5, "G4", "action"));
    }

    [Fact]
    public void OneUserOneEpisode_ReadAsSingulars()
    {
        string events = Path.Combine(_dir.FullName, "one.jsonl");
        var sample = CliRunner.Run("sample", "--family", "poisson", "--param", "rate=0.05", "--horizon", "100", "--users", "1", "--seed", "3", "--out", events);
        AssertReads(sample);
        Assert.Contains("for 1 user from", sample.Stderr);
        var fit = CliRunner.Run("fit", "--family", "poisson", "--events", events);
        AssertReads(fit);
        Assert.Contains("1 user ", fit.Stdout);
        Assert.Contains("converged after", fit.Stdout);
        AssertReads(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=0.05", "--events", events));

        string report = Path.Combine(_dir.FullName, "one.html");
        var evaluate = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson", "--episodes", "1", "--report", report);
        AssertReads(evaluate);
        Assert.Contains("1 episode per policy", File.ReadAllText(report));
    }
}
