namespace Kairos.Cli.Demo;

/// <summary>Expected seconds of each demo step (measured with `kairos demo --json`, field steps[].seconds, on a
/// loaded 2-core machine), so the demo's progress bar moves with the time spent rather than the step count: the
/// TPPRL spaced-repetition step alone takes about half the run. A step not listed counts as <see cref="Default"/>.</summary>
public static class DemoStepCosts
{
    public const double Default = 5;

    private static readonly Dictionary<string, double> Seconds = new(StringComparer.Ordinal)
    {
        ["Point processes"] = 5.5,
        ["pomdp"] = 19,
        ["TPPRL policy gradient"] = 4.6,
        ["spaced repetition"] = 3,
        ["student-model fit"] = 0.7,
        ["spaced repetition: TPPRL"] = 37,
        ["broadcasting"] = 7.8,
    };

    public static double ExpectedSeconds(IDemoStep step) => Seconds.GetValueOrDefault(step.Name, Default);

    /// <summary>Where each step starts on a 0..Σcost progress scale (cumulative costs before it).</summary>
    public static double[] Starts(IReadOnlyList<double> costs)
    {
        var starts = new double[costs.Count];
        for (int i = 1; i < costs.Count; i++) starts[i] = starts[i - 1] + costs[i - 1];
        return starts;
    }
}
