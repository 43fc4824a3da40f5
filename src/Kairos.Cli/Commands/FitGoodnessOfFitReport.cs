using System.CommandLine;
using System.Globalization;
using Kairos.Learning;
using Kairos.PointProcesses;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fit`'s goodness-of-fit line: the time-rescaling KS statistic and the p-value shown, plug-in
/// (parameters fitted on the same data, so optimistic) or, with --gof-bootstrap N, the parametric bootstrap's.</summary>
internal sealed record FitGoodnessOfFitReport(double Statistic, double PValue, string PValueMethod, double PlugInPValue,
    int Residuals, GoodnessOfFitBootstrapResult? Bootstrap)
{
    public const string PlugInMethod = "plug-in (optimistic: parameters fitted on the same data)";

    public static Option<int?> Option() => new("--gof-bootstrap")
    {
        Description = "Replace the KS test's plug-in p-value (optimistic: the parameters were fitted on the same data) by a " +
                      "parametric-bootstrap p-value from N replicates: simulate the fitted model over the same windows, refit, " +
                      "compare KS statistics; p = (1 + #{D_b >= D}) / (N + 1). Deterministic given --seed. Integer >= 1; " +
                      "costs N fits.",
    };

    public static void Check(int? replicates, List<string> errors)
    {
        if (replicates is < 1 or > 1_000_000)
            errors.Add($"--gof-bootstrap must be an integer in [1, 1000000] (replicates), got {replicates}.");
    }

    public static FitGoodnessOfFitReport Compute(CliIO io, FitResult fit, IReadOnlyList<double[]> times, IReadOnlyList<double> horizons,
        int? replicates, int seed, bool quiet)
    {
        var ks = GoodnessOfFit.TimeRescalingTest(fit.Model, times, horizons);
        if (replicates is not { } n) return new(ks.Statistic, ks.PValue, PlugInMethod, ks.PValue, ks.Count, null);
        var b = io.WithProgress($"bootstrap p-value ({CliFormat.Count(n, "refit")})", n, quiet,
            progress => GoodnessOfFitBootstrap.Run(fit, horizons, ks.Statistic, n, seed, progress: progress));
        if (b.Failed > 0)
            io.Warn($"{b.Failed} of {n} bootstrap replicates could not be refitted (too few simulated events?); they count as " +
                    "exceedances, so the p-value is conservative.");
        return new(ks.Statistic, b.PValue, $"parametric bootstrap, {CliFormat.Count(n, "replicate")}", ks.PValue, ks.Count, b);
    }

    public object Json() => new
    {
        statistic = Statistic, pValue = PValue, pValueMethod = PValueMethod, plugInPValue = PlugInPValue, residuals = Residuals,
        bootstrap = Bootstrap is { } b
            ? new { replicates = b.Replicates, seed = b.Seed, exceedances = b.Exceedances, failed = b.Failed }
            : null,
    };

    public string Text() =>
        $"time-rescaling KS: D = {G(Statistic)}, p = {G(PValue)} ({PValueMethod}" +
        (Bootstrap is null ? ")" : $"; plug-in p = {G(PlugInPValue)})");

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
