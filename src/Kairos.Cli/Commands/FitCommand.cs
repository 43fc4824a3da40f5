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
            Description = "End T of the common window [0, T] for every user (time units, > 0; default: the last event time in the file). " +
                          "An event after T is an error naming its line.",
        };
        var format = PointProcessOptions.Format();
        var user = PointProcessOptions.User();
        var json = CliOptions.Json();
        var cmd = new Command("fit", "Fit a family by maximum likelihood; print estimates ± standard errors (observed information), " +
            "log-likelihood per event, and the KS test of the time-rescaled gaps against Exp(1). Several users are independent " +
            "histories sharing parameters. exp holds t0 = 0 fixed.\n" +
            "Examples:\n  kairos fit --family poisson --events data/examples/events.jsonl --json\n" +
            "  kairos fit --family hawkes --events h.csv --horizon 500\n  kairos fit --family heavytail --events e.jsonl --user u3")
        { family, events, horizon, format, user, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(family)!, pr.GetValue(events)!, pr.GetValue(horizon), pr.GetValue(format),
            pr.GetValue(user), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string familyName, string path, double? horizon, string? formatText, string? user, bool json)
    {
        var errors = new List<string>();
        var spec = PointProcessOptions.FindFamily(familyName, errors);
        PointProcessOptions.CheckHorizon(horizon, errors, required: false);
        var format = PointProcessOptions.ParseFormat(formatText, errors);
        PointProcessOptions.ThrowIfAny(errors);
        var histories = PointProcessOptions.LoadHistories(path, format, user, horizon);
        var times = histories.Select(h => h.Times()).ToList();
        int n = times.Sum(t => t.Length);
        if (n == 0) throw new UserInputException($"{path}: the file has no events to fit (--events).");
        double window = horizon ?? times.Max(t => t[^1]);
        if (!(window > 0)) throw new UserInputException($"{path}: every event is at time 0, so the default horizon is 0; pass --horizon T > 0.");
        var horizons = Enumerable.Repeat(window, times.Count).ToList();
        var fit = io.WithProgress($"fitting {spec!.Name}", 1, json, _ => FitUserErrors(spec, times, horizons, histories));
        var model = fit.Model;
        var residuals = times.SelectMany(t => model.Compensators(t, window)).ToList();
        var ks = TimeRescaling.Test(residuals.ToArray());
        if (fit.ParameterNames.Where((p, j) => !IsFixed(spec, p) && double.IsNaN(fit.StandardErrors[j])).Any())
            io.Warn("no standard errors: the observed information is singular or not positive definite (an estimate at the " +
                    "boundary of the parameter space, or too few events).");
        for (int j = 0; j < fit.ParameterNames.Count; j++)
            if (spec.Family != PointProcessFamily.Exp && fit.StandardErrors[j] > Math.Abs(fit.Estimates[j]))
                io.Warn($"{fit.ParameterNames[j]} = {G(fit.Estimates[j])} ± {G(fit.StandardErrors[j])}: the standard error exceeds the " +
                        "estimate, so the data hardly identify it" + (spec.Family == PointProcessFamily.HeavyTail
                            ? " (Burr XII tends to a Weibull as tail → ∞ with scale growing; try a simpler family such as poisson)." : "."));
        if (!fit.Converged) io.Warn($"the optimiser did not converge ({fit.Message}); estimates may be unreliable.");
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fit", version = 1, command = "fit", family = spec.Name, events = n, users = histories.Count,
                horizon = window, horizonSource = horizon is null ? "last event" : "option",
                parameters = fit.ParameterNames.Select((name, j) => new
                {
                    name, estimate = fit.Estimates[j], standardError = Nullable(fit.StandardErrors[j]),
                    @fixed = IsFixed(spec, name),
                }),
                loglik = fit.LogLikelihood, loglikPerEvent = fit.LogLikelihood / n,
                ks = new { statistic = ks.Statistic, pValue = ks.PValue, residuals = residuals.Count },
                iterations = fit.Iterations, converged = fit.Converged, message = fit.Message,
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("parameter", "estimate", "standard error");
        for (int j = 0; j < fit.ParameterNames.Count; j++)
            table.AddRow(fit.ParameterNames[j], G(fit.Estimates[j]), IsFixed(spec, fit.ParameterNames[j]) ? "(fixed)" : double.IsNaN(fit.StandardErrors[j]) ? "n/a" : G(fit.StandardErrors[j]));
        io.Table().Write(table);
        io.Out.WriteLine($"{spec.Name}: {n} events, {histories.Count} user(s), T = {G(window)}; loglik {G(fit.LogLikelihood)} ({G(fit.LogLikelihood / n)} per event)");
        io.Out.WriteLine($"time-rescaling KS: D = {G(ks.Statistic)}, p = {G(ks.PValue)}; converged: {fit.Converged} after {fit.Iterations} iterations");
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

    private static bool IsFixed(PointProcessFamilySpec spec, string name) => spec.Family == PointProcessFamily.Exp && name == "t0";

    private static double? Nullable(double v) => double.IsFinite(v) ? v : null;
    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
