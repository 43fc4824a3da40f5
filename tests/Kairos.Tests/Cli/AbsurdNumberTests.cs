using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Cli;
using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Cli;

/// <summary>A property of every numeric flag of every verb, found by walking the command tree (a new flag is covered
/// without editing this test): an absurd value (1e308, NaN, an infinity, a decimal comma) exits 2 with an `error:`
/// line naming the flag; a boundary value (0, −1, the largest accepted magnitude) either does the same or runs to
/// exit 0 with only finite numbers in its output. Never an internal error, a stack trace, or NaN with exit 0.</summary>
public sealed class AbsurdNumberTests : IDisposable
{
    private static readonly string[] Absurd = ["1e308", "-1e308", "NaN", "Infinity", "-Infinity", "1,5"];
    private static readonly string[] Boundary = ["0", "-1", "1e15"];

    /// <summary>A cheap valid command line per verb, to which the flag under test is appended ({dir}: a temporary folder,
    /// {repo}: the repository root). Verbs that serve or load a server until stopped get none: their boundary values
    /// are not run.</summary>
    private static readonly Dictionary<string, string?> Bases = new()
    {
        ["budget-curve"] = "budget-curve toy-counting --budgets 5 --episodes 2 --json",
        ["evaluate"] = "evaluate toy-counting --policies poisson,optimal --episodes 2 --json",
        ["experiment"] = "experiment broadcasting --users 1 --runs 1 --iterations 1 --policies poisson,tpprl --out {dir}/exp --json",
        ["fit"] = "fit --family poisson --events {repo}/data/examples/events.jsonl --json",
        ["fit-student"] = "fit-student --data {dir}/hlr.csv --json",
        ["fit-fsrs"] = "fit-fsrs --reviews {dir}/fsrs.csv --splits 2 --max-iterations 3 --json",
        ["fsrs-recovery"] = "fsrs-recovery --cards 10 --reviews-per-card 3 --replicates 2 --max-iterations 2 --json",
        ["review-schedule"] = "review-schedule spaced-repetition-fsrs --policies cram --episodes 2 --json",
        ["loglik"] = "loglik --family poisson --param rate=1 --events {repo}/data/examples/events.jsonl --horizon 10 --json",
        ["pomdp solve"] = "pomdp solve --spec {repo}/data/pomdp/example.json --json",
        ["pomdp simulate"] = "pomdp simulate --spec {repo}/data/pomdp/example.json --customers 20 --json",
        ["sample"] = "sample --family poisson --param rate=1 --horizon 5 --out {dir}/s.jsonl --json",
        ["simulate"] = "simulate ad-delivery --users 2 --out {dir}/ads.jsonl",
        ["ope"] = null,
        ["train"] = "train toy-counting --iterations 1 --batch 2 --eval-every 0 --out {dir}/p.json --json",
        ["demo"] = null, ["serve"] = null, ["loadgen"] = null, ["bench"] = null, ["soak"] = null,
        // Absurd values only, for now: these verbs need a fitted model file or a data set as a cheap base.
        ["fit-model"] = null, ["train ad-delivery"] = null, ["experiment ad-delivery"] = null, ["experiment ad-uplift"] = null,
    };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-absurd-");

    public AbsurdNumberTests()
    {
        var truth = new StudentModel(0.15, 0.1, [0.5, 1, 1.5]);
        DuolingoHlrWriter.WriteFile(Path.Combine(_dir.FullName, "hlr.csv"), DuolingoSyntheticLog.Generate(truth, 20, 3, 3, new Random(1)));
        File.WriteAllLines(Path.Combine(_dir.FullName, "fsrs.csv"), FsrsSyntheticLog.Generate(FsrsParameters.Default, 30, 6, new Random(2))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.CardId},{r.Rating},{r.Time:O},{r.DurationMs}"))
            .Prepend("card_id,review_rating,review_time,review_duration"));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string, string> NumericFlags()
    {
        var data = new TheoryData<string, string>();
        foreach (var (verb, command) in CommandTree.Walk(KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false)), ""))
            foreach (var option in command.Options.Where(o => CliNumbers.IsNumeric(o.ValueType)))
                data.Add(verb, option.Name);
        return data;
    }

    [Fact]
    public void EveryVerbWithNumericFlags_HasACheapBase()
    {
        var verbs = NumericFlags().Select(row => (string)row[0]).Distinct().ToList();
        Assert.Contains("fit", verbs);
        Assert.DoesNotContain(verbs, v => !Bases.ContainsKey(v));
    }

    [Theory]
    [MemberData(nameof(NumericFlags))]
    public void AbsurdValue_IsRefusedNamingTheFlag(string verb, string flag)
    {
        foreach (var value in Absurd)
        {
            var r = Run(Bases.GetValueOrDefault(verb) ?? verb, flag, value);
            Assert.True(r.ExitCode == 2, $"{verb} {flag} {value}: exit {r.ExitCode}\n{r.Stderr}");
            Assert.Contains($"error: {flag}", r.Stderr);
            AssertNoInternalError(r);
        }
    }

    [Theory]
    [MemberData(nameof(NumericFlags))]
    public void BoundaryValue_IsRefusedOrGivesFiniteNumbers(string verb, string flag)
    {
        if (Bases.GetValueOrDefault(verb) is not { } line) return;
        foreach (var value in Boundary)
        {
            var r = Run(line, flag, value);
            AssertNoInternalError(r);
            if (r.ExitCode == 2) Assert.Contains(flag, r.Stderr);
            else
            {
                Assert.True(r.ExitCode == 0, $"{verb} {flag} {value}: exit {r.ExitCode}\n{r.Stderr}");
                Assert.DoesNotMatch(NonFinite, r.Stdout);
                Assert.DoesNotMatch(NonFinite, r.Stderr);
            }
        }
    }

    private static readonly Regex NonFinite = new(@"\bNaN\b|Infinity|∞");

    private CliRunner.Outcome Run(string line, string flag, string value)
    {
        string repo = UserErrorTableTests.RepositoryRoot();
        var args = line.Split(' ').Select(a => a.Replace("{dir}", _dir.FullName).Replace("{repo}", repo)).ToList();
        int given = args.IndexOf(flag);   // a flag of the base itself: replace its value
        if (given >= 0) args[given + 1] = value; else args.AddRange([flag, value]);
        return CliRunner.Run([.. args]);
    }

    private static void AssertNoInternalError(CliRunner.Outcome r)
    {
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

}
