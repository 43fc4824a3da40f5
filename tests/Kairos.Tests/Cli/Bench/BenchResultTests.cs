using Kairos.Cli.Bench;

namespace Kairos.Tests.Cli.Bench;

/// <summary>Repeated bench runs: median and spread per figure, the direction that is better, and "× faster" against
/// the same runs' baseline (never for a baseline on a different problem).</summary>
public sealed class BenchResultTests
{
    private static BenchResult One(params BenchFigure[] runs) => Assert.Single(BenchResult.Combine(runs.Select(r => (IReadOnlyList<BenchFigure>)[r]).ToArray()));

    [Fact]
    public void Time_LowerIsBetter_FasterIsBaselineOverValue()
    {
        var r = One(new BenchFigure("t", 2, "ms", BaselineValue: 8, Baseline: "naive"), new BenchFigure("t", 4, "ms", BaselineValue: 12, Baseline: "naive"),
            new BenchFigure("t", 3, "ms", BaselineValue: 9, Baseline: "naive"));
        Assert.True(r.LowerIsBetter);
        Assert.Equal((3.0, 2.0, 4.0), (r.Median, r.Min, r.Max));
        Assert.Equal(3.0, r.TimesFaster!.Value, 12);   // baseline median 9 ÷ 3
    }

    [Fact]
    public void Rate_HigherIsBetter_FasterIsValueOverBaseline()
    {
        var r = One(new BenchFigure("r", 100, "events/s", BaselineValue: 25, Baseline: "naive"), new BenchFigure("r", 300, "events/s", BaselineValue: 75, Baseline: "naive"));
        Assert.False(r.LowerIsBetter);
        Assert.Equal(200, r.Median);
        Assert.Equal(4.0, r.TimesFaster!.Value, 12);
    }

    [Fact]
    public void TargetOnATime_IsMetBelowIt()
    {
        Assert.True(One(new BenchFigure("t", 4, "s", Target: 5)).MeetsTarget);
        Assert.False(One(new BenchFigure("t", 6, "s", Target: 5)).MeetsTarget);
        Assert.False(One(new BenchFigure("r", 4, "rows/s", Target: 5)).MeetsTarget);
    }

    [Fact]
    public void BaselineOnADifferentProblem_ClaimsNoSpeedUp() =>
        Assert.Null(One(new BenchFigure("p", 1, "s", Baseline: "exact DP, 3 products", BaselineValue: 2, Comparable: false)).TimesFaster);

    [Fact]
    public void Combine_KeepsFirstRunOrder()
    {
        var runs = new IReadOnlyList<BenchFigure>[] { [new("b", 1, "s"), new("a", 1, "s")], [new("a", 2, "s"), new("b", 2, "s")] };
        Assert.Equal(["b", "a"], BenchResult.Combine(runs).Select(f => f.Name));
    }
}
