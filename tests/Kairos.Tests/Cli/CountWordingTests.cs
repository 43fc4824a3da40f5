using System.Text.RegularExpressions;
using Kairos.Cli;
using Kairos.PointProcesses;
using Kairos.Policies;
using Kairos.Decisions;

namespace Kairos.Tests.Cli;

/// <summary>Counts read as English ("1 event", "2 events") and booleans as words, never C#'s "True"/"False": in the
/// CLI's output and in every message the libraries write (a count in a message goes through <see cref="CountText"/>).</summary>
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

    [Fact]
    public void LibraryMessages_WithACountOfOne_ReadAsSingulars()
    {
        // poisson takes one parameter; a policy built for 3 marks meets a context with 1
        var e = Assert.Throws<ArgumentException>(() => PointProcessFamilies.Get(PointProcessFamily.Poisson).Create(1.0, 2.0));
        Assert.Contains("takes 1 parameter (", e.Message);
        var policy = new ConstantChoicePolicy(2);
        var c = Assert.Throws<PolicyContextException>(() => policy.CreateState(new PolicyContext(1, 0), new DecisionRandom(1)));
        Assert.Contains("the context has 1 mark.", c.Message);
        Assert.DoesNotMatch(OnePlural, e.Message + c.Message);
    }

    /// <summary>Libraries' messages with a count, as a class: no interpolated count in src/ (outside the CLI, which
    /// <see cref="CliFormat"/> covers) is followed by a plural noun written out, which reads "1 marks" when the count
    /// is 1. Holes that are names ("the {Name} baselines") or decision modes ("makes {policy.Modes} decisions") are not
    /// counts.</summary>
    [Fact]
    public void LibrarySources_PutNoPluralNounAfterAnInterpolatedCount()
    {
        string src = Path.Combine(UserErrorTableTests.RepositoryRoot(), "src");
        var found = new List<string>();
        foreach (string file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.StartsWith("Kairos.Cli/", StringComparison.Ordinal) || relative.Contains("/obj/") || relative.Contains("/bin/")) continue;
            int number = 0;
            foreach (string line in File.ReadLines(file))
            {
                number++;
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal) || !line.Contains('$')) continue;
                foreach (Match m in CountThenPlural.Matches(line))
                    if (!NotNouns.Contains(m.Groups["noun"].Value) && !NotCount(m.Groups["expr"].Value.Trim()))
                        found.Add($"{relative}:{number}: {m.Value}");
            }
        }
        Assert.True(found.Count == 0, "write these counts with CountText.Of:\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheSourceScan_FlagsAPluralAfterACount_AndNotAVerbOrAName()
    {
        Assert.Matches(CountThenPlural, "$\"the context has {context.MarkCount} marks\"");
        Assert.Matches(CountThenPlural, "$\"over {Options.Horizon:G4} days\"");
        var verb = CountThenPlural.Match("$\"{a} needs {b}\"");
        Assert.Contains(verb.Groups["noun"].Value, NotNouns);
        Assert.DoesNotMatch(CountThenPlural, "$\"the context has {CountText.Of(context.MarkCount, \"mark\")}\"");
    }

    private static bool NotCount(string hole) => hole.EndsWith("Name", StringComparison.Ordinal) || hole is "policy.Modes" or "env.Accepts";

    private static readonly Regex CountThenPlural = new(@"\{(?<expr>[^{}""]+)\} (?<noun>[a-z]+s)\b");

    /// <summary>Words ending in s after a hole that are not plural nouns.</summary>
    private static readonly HashSet<string> NotNouns =
    [
        "is", "has", "was", "does", "as", "its", "this", "his", "yes", "across", "less", "plus", "unless", "minus", "always", "thus", "us",
        "whereas", "perhaps", "needs", "expects", "carries", "follows", "lies", "differs", "takes", "sits", "lists", "vs", "answers", "basis",
    ];
}
