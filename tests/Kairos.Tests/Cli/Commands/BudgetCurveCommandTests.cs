using System.Text.Json;
namespace Kairos.Tests.Cli.Commands;

public sealed class BudgetCurveCommandTests
{
    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../.."));

    [Fact]
    public void BudgetCurve_FsrsStudent_JsonHasOnePointPerPolicyAndBudget_AndCramGainsNothingFromMoreReviews()
    {
        var r = CliRunner.Run("budget-curve", "spaced-repetition-fsrs-retention", "--budgets", "50,300", "--policies", "cram,fsrs",
            "--episodes", "40", "--seed", "3", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var points = r.Json().GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        double Recall(string policy, double budget) => points.Single(p => p.GetProperty("policy").GetString() == policy
            && p.GetProperty("budget").GetDouble() == budget).GetProperty("metrics").GetProperty("expected_recall").GetDouble();
        // On the FSRS student same-day repeats add little stability: six times the budget buys cram almost nothing,
        // while spaced FSRS reviews gain several points of recall four weeks later.
        Assert.True(Math.Abs(Recall("cram", 300) - Recall("cram", 50)) < 0.02, $"cram {Recall("cram", 50)} → {Recall("cram", 300)}");
        Assert.True(Recall("fsrs", 300) > Recall("cram", 300) + 0.04, $"fsrs {Recall("fsrs", 300)}, cram {Recall("cram", 300)}");
    }

    [Fact]
    public void BudgetCurve_BadInput_ExitsTwoNamingEveryFlag()
    {
        var r = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "50,abc,-1", "--policies", "cram,oracle", "--episodes", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--budgets: 'abc'", r.Stderr);
        Assert.Contains("--budgets: '-1'", r.Stderr);
        Assert.Contains("--policies", r.Stderr);
        Assert.Contains("--episodes", r.Stderr);
    }

    [Fact]
    public void BudgetCurve_LearnedPolicy_IsOnePointAtItsOwnReviewCount_OnTheSameStudents()
    {
        string policy = Path.Combine(Repo(), "data", "models", "spaced-repetition-fsrs-budget200.tpprl.json");
        var r = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "100,200", "--policies", "cram,tpprl:" + policy,
            "--episodes", "10", "--seed", "3", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var points = r.Json().GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        var learned = Assert.Single(points, p => p.GetProperty("policy").GetString() == "tpprl");
        Assert.Equal(policy, learned.GetProperty("source").GetString());
        double actions = learned.GetProperty("actions").GetDouble();
        Assert.InRange(actions, 150, 250);
        Assert.Equal(actions, learned.GetProperty("budget").GetDouble());
        Assert.All(points.Where(p => p.GetProperty("policy").GetString() == "cram"), p => Assert.False(p.TryGetProperty("source", out _)));
    }

    [Fact]
    public void BudgetCurve_BudgetTemplate_LoadsOnePolicyPerBudget_AsOneLine_AndNamesTheTrainingOfAMissingOne()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-curve-");
        try
        {
            var memory = new Kairos.Scenarios.FsrsSpacedRepetitionScenario(memory: true);
            var context = memory.CreateEnvironment().Spec.Context;
            foreach (int b in new[] { 50, 100 })
                Kairos.Policies.NeuralTppPolicyFile.Save(Kairos.Policies.NeuralTppPolicy.Initialize(context, new Random(b), hidden: 3,
                    features: memory.EventFeatures, initialRate: b / 14.0, items: memory.ItemFeatures),
                    Path.Combine(dir.FullName, $"m{b}.json"), memory.Name);
            string template = "tpprl:" + Path.Combine(dir.FullName, "m{budget}.json");
            var r = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "50,100", "--policies", "cram," + template,
                "--episodes", "4", "--seed", "3", "--json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var learned = r.Json().GetProperty("points").EnumerateArray().Where(p => p.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(2, learned.Count);
            Assert.All(learned, p => Assert.Equal("tpprl-memory", p.GetProperty("policy").GetString()));
            Assert.Equal([50.0, 100.0], learned.Select(p => p.GetProperty("budget").GetDouble()).Order());

            // A budget without a policy is left out of the line, with a note naming its training on the scenario its
            // siblings were trained on (the memory variant, not the evaluated scenario); none at all is an error.
            var partial = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "50,200", "--policies", template, "--episodes", "4", "--json");
            Assert.True(partial.ExitCode == 0, partial.Stderr);
            Assert.Single(partial.Json().GetProperty("points").EnumerateArray());
            Assert.Contains($"kairos train spaced-repetition-fsrs-memory --budget 200 --out {Path.Combine(dir.FullName, "m200.json")}", partial.Stderr);
            var missing = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "300", "--policies", template, "--episodes", "4");
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains($"kairos train spaced-repetition-fsrs --budget 300 --out {Path.Combine(dir.FullName, "m300.json")}", missing.Stderr);
        }
        finally { dir.Delete(recursive: true); }
    }
}
