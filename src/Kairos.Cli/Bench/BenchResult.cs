namespace Kairos.Cli.Bench;

/// <summary>One figure over repeated runs of `kairos bench`: the median is the figure, min–max its spread, and
/// "× faster" compares it with the baseline's median from the same runs, in the direction that is better
/// (baseline time ÷ time, or rate ÷ baseline rate; above 1 is faster).</summary>
public sealed record BenchResult(string Name, string Unit, IReadOnlyList<double> Values, double? Target, string? Baseline,
    IReadOnlyList<double> BaselineValues, string? Note, bool Comparable)
{
    public bool LowerIsBetter => BenchFigure.IsTime(Unit);
    public double Median => MedianOf(Values);
    public double Min => Values.Min();
    public double Max => Values.Max();
    public double? BaselineMedian => BaselineValues.Count == 0 ? null : MedianOf(BaselineValues);
    public bool? MeetsTarget => Target is not { } t ? null : LowerIsBetter ? Median <= t : Median >= t;

    /// <summary>How many times faster than the baseline (null without a comparable baseline).</summary>
    public double? TimesFaster => !Comparable || BaselineMedian is not > 0 || !(Median > 0) ? null
        : LowerIsBetter ? BaselineMedian / Median : Median / BaselineMedian;

    /// <summary>Groups the figures of several runs by name, in the order the first run reported them.</summary>
    public static IReadOnlyList<BenchResult> Combine(IReadOnlyList<IReadOnlyList<BenchFigure>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.SelectMany(r => r).GroupBy(f => f.Name).Select(g =>
        {
            var first = g.First();
            return new BenchResult(first.Name, first.Unit, g.Select(f => f.Value).ToArray(), first.Target, first.Baseline,
                g.Where(f => f.BaselineValue is not null).Select(f => f.BaselineValue!.Value).ToArray(), first.Note,
                g.All(f => f.Comparable));
        }).ToArray();
    }

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
