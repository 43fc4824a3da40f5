namespace Kairos.Tests.Cli.Commands;

public sealed class BudgetCurveCommandTests
{
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
}
