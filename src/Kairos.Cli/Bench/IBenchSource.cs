namespace Kairos.Cli.Bench;

/// <summary>A group of end-to-end performance figures for `kairos bench`, listed in <see cref="BenchSources"/>.
/// Each figure is reported beside a baseline measured in the same run where one exists.</summary>
public interface IBenchSource
{
    /// <summary>Names of the figures <see cref="Measure"/> reports, so `bench --filter` can skip whole sources
    /// without measuring them. Empty means "unknown": the source is always measured.</summary>
    IReadOnlyList<string> FigureNames => [];
    IEnumerable<BenchFigure> Measure(bool quick);
}

/// <summary>One figure: name (snake_case, stable), value, unit, the target (null if none), and the
/// baseline measured in the same run with its ratio (value / baseline) when there is one. <paramref name="Comparable"/>
/// is false when the baseline solves a different (smaller) problem, so no speed-up is claimed.</summary>
public sealed record BenchFigure(string Name, double Value, string Unit, double? Target = null,
    string? Baseline = null, double? BaselineValue = null, string? Note = null, bool Comparable = true)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;
    /// <summary>Times (ms, s) are better lower; rates (events/s, …) higher.</summary>
    public bool LowerIsBetter => IsTime(Unit);
    /// <summary>Whether the target is met; "higher is better" unless the unit is a time (ms, s).</summary>
    public bool? MeetsTarget => Target is not { } t ? null : LowerIsBetter ? Value <= t : Value >= t;

    public static bool IsTime(string unit) => unit is "ms" or "s" or "seconds";
}
