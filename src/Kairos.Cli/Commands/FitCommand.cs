using System.CommandLine;
using System.Globalization;
using Kairos.Learning;
using Kairos.PointProcesses;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fit`: maximum-likelihood fit of a family to an event file, with standard errors and a
/// time-rescaling KS check.</summary>
public static class FitCommand
{
    public static Command Create(CliIO io)
    {
        var family = PointProcessOptions.Family();
        var events = PointProcessOptions.Events();
        var horizon = new Option<double?>("--horizon")
        {
            Description = "For a file without window rows: end T of the common window [0, T] for every user (time units, > 0; " +
                          "default: the last event time in the file, with a warning). An event after T is an error naming its line. " +
                          "A file with window rows sets each user's window itself; --horizon must then agree with every window's end.",
        };
        var format = PointProcessOptions.Format();
        var user = PointProcessOptions.User();
        var kinds = PointProcessOptions.Kinds();
        var timeUnit = PointProcessOptions.TimeUnit();
        var json = CliOptions.Json();
        var bootstrap = FitGoodnessOfFitReport.Option();
        var seed = CliOptions.Seed();
        var cmd = new Command("fit", "Fit a family by maximum likelihood; print estimates ± standard errors (observed information), " +
            "log-likelihood per event, and the KS test of the time-rescaled gaps against Exp(1). Several users are independent " +
            "histories sharing parameters, each on its own observation window in time relative to the window start (users " +
            "without events count). exp holds t0 = 0 fixed.\n" +
            "Examples:\n  kairos fit --family poisson --events data/examples/events.jsonl --json\n" +
            "  kairos fit --family hawkes --events out/h.csv --horizon 500\n  kairos fit --family heavytail --events e.jsonl --user u3 --kinds action")
        { family, events, horizon, format, user, kinds, timeUnit, json, bootstrap, seed };
        cmd.SetAction(pr => Run(io, pr.GetValue(family)!, pr.GetValue(events)!, pr.GetValue(horizon), pr.GetValue(format),
            pr.GetValue(user), pr.GetValue(kinds), pr.GetValue(timeUnit), pr.GetValue(json), pr.GetValue(bootstrap), pr.GetValue(seed)));
        return cmd;
    }

    private static int Run(CliIO io, string familyName, string path, double? horizon, string? formatText, string? user,
        string? kindsText, string? timeUnitText, bool json, int? bootstrap, int seed)
    {
        var errors = new List<string>();
        var spec = PointProcessOptions.FindFamily(familyName, errors);
        PointProcessOptions.CheckHorizon(horizon, errors, required: false);
        var format = PointProcessOptions.ParseFormat(formatText, errors);
        var kinds = PointProcessOptions.ParseKinds(kindsText, errors);
        var unit = PointProcessOptions.ParseTimeUnit(timeUnitText, errors);
        FitGoodnessOfFitReport.Check(bootstrap, errors);
        PointProcessOptions.ThrowIfAny(errors);
        var data = PointProcessOptions.LoadDataSet(path, format, user, horizon, unit);
        var times = data.RelativeTimes(kinds);
        var horizons = data.Durations;
        var histories = data.Select(u => u.Events).ToList();
        int n = times.Sum(t => t.Length);
        if (n == 0)
            throw new UserInputException($"{path}: the file has no events{(kinds is null ? "" : $" of {PointProcessOptions.DescribeKinds(kinds)}")} to fit (--events{(kinds is null ? "" : ", --kinds")}).");
        var fit = io.WithProgress($"fitting {spec!.Name}", 1, json, _ => FitUserErrors(spec, times, horizons, histories));
        WindowWarnings.Warn(io, data, times, kinds);
        var ks = FitGoodnessOfFitReport.Compute(io, fit, times, horizons, bootstrap, seed, json);
        if (n < 10.0 * data.Count)
            io.Warn($"{CliFormat.Count((double)n / data.Count, "G6", "event")} per user on average: the gaps of short windows are cut off by the window end, " +
                    "so the KS test of the time-rescaled gaps against Exp(1) rejects too often; judge the fit by other means.");
        if (fit.ParameterNames.Where((p, j) => !IsFixed(spec, p) && double.IsNaN(fit.StandardErrors[j])).Any())
            io.Warn("no standard errors: the observed information is singular or not positive definite (an estimate at the " +
                    "boundary of the parameter space, or too few events).");
        for (int j = 0; j < fit.ParameterNames.Count; j++)
            if (spec.Family != PointProcessFamily.Exp && fit.StandardErrors[j] > Math.Abs(fit.Estimates[j]))
                io.Warn($"{fit.ParameterNames[j]} = {G(fit.Estimates[j])} ± {G(fit.StandardErrors[j])}: the standard error exceeds the " +
                        "estimate, so the data hardly identify it" + (spec.Family == PointProcessFamily.HeavyTail
                            ? " (Burr XII tends to a Weibull as tail → ∞ with scale growing; try a simpler family such as poisson)." : "."));
        if (spec.Family == PointProcessFamily.Hawkes && fit.Estimate("alpha") >= 1)
            io.Warn($"alpha = {G(fit.Estimate("alpha"))} >= 1: the fitted Hawkes process is explosive (each event triggers at least " +
                    "one more on average); check the windows and --kinds, or the data are not stationary.");
        if (!fit.Converged) io.Warn($"the optimiser did not converge ({fit.Message}); estimates may be unreliable.");
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fit", version = 1, command = "fit", family = spec.Name, events = n, users = data.Count,
                usersWithoutEvents = times.Count(t => t.Length == 0), kinds = KindNames(kinds),
                horizon = PointProcessOptions.CommonHorizon(data), horizonSource = PointProcessOptions.WindowSourceName(data), timeUnit = timeUnitText is null ? null : Kairos.Data.TimeUnits.Name(unit),
                exposure = horizons.Sum(),
                parameters = fit.ParameterNames.Select((name, j) => new
                {
                    name, estimate = fit.Estimates[j], standardError = Nullable(fit.StandardErrors[j]),
                    @fixed = IsFixed(spec, name),
                }),
                loglik = fit.LogLikelihood, loglikPerEvent = fit.LogLikelihood / n,
                ks = ks.Json(),
                iterations = fit.Iterations, converged = fit.Converged, message = fit.Message,
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("parameter", "estimate", "standard error");
        for (int j = 0; j < fit.ParameterNames.Count; j++)
            table.AddRow(fit.ParameterNames[j], G(fit.Estimates[j]), IsFixed(spec, fit.ParameterNames[j]) ? "(fixed)" : double.IsNaN(fit.StandardErrors[j]) ? "n/a" : G(fit.StandardErrors[j]));
        io.Table().Write(table);
        io.Out.WriteLine($"{spec.Name}: {CliFormat.Count(n, "event")} ({PointProcessOptions.DescribeKinds(kinds)}), {CliFormat.Count(data.Count, "user")} " +
            $"({times.Count(t => t.Length == 0)} without events), {WindowText(data)}; loglik {G(fit.LogLikelihood)} ({G(fit.LogLikelihood / n)} per event)");
        io.Out.WriteLine($"{ks.Text()}; {(fit.Converged ? "converged" : "NOT converged")} after {CliFormat.Count(fit.Iterations, "iteration")}");
        return KairosCli.Ok;
    }

    /// <summary>Data problems the fitter finds (ties for heavytail, …) are the user's input: exit 2, not 1.</summary>
    private static FitResult FitUserErrors(PointProcessFamilySpec spec, IReadOnlyList<double[]> times, IReadOnlyList<double> horizons,
        IReadOnlyList<History> histories)
    {
        try { return new PointProcessFitter().Fit(spec.Family, times, horizons); }
        catch (ArgumentException e)
        {
            // The fitter numbers histories; name the user instead.
            string message = System.Text.RegularExpressions.Regex.Replace(e.Message.Split(" (Parameter")[0], @"history (\d+)",
                m => $"user '{histories[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].User}'");
            throw new UserInputException($"cannot fit {spec.Name}: {message}", e);
        }
    }

    private static string[]? KindNames(IReadOnlyCollection<EventKind>? kinds) =>
        kinds?.Order().Select(Kairos.Data.EventKindNames.Name).ToArray();

    private static string WindowText(Kairos.Data.EventDataSet data) =>
        PointProcessOptions.CommonHorizon(data) is { } t
            ? $"window [0, {G(t)}] ({PointProcessOptions.WindowSourceName(data)})"
            : $"per-user windows from the file, total exposure {G(data.Durations.Sum())}";

    private static bool IsFixed(PointProcessFamilySpec spec, string name) => spec.Family == PointProcessFamily.Exp && name == "t0";

    private static double? Nullable(double v) => double.IsFinite(v) ? v : null;
    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
