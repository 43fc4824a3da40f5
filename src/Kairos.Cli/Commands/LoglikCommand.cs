using System.CommandLine;
using Kairos.Learning;

namespace Kairos.Cli.Commands;

/// <summary>`kairos loglik`: log-likelihood of an event file on [0, T] under given parameters, summed over users.</summary>
public static class LoglikCommand
{
    public static Command Create(CliIO io)
    {
        var family = PointProcessOptions.Family();
        var param = PointProcessOptions.Params();
        var events = PointProcessOptions.Events();
        var horizon = new Option<double?>("--horizon")
        {
            Description = "End T of the window [0, T] (time units; required, > 0). An event after T is an error naming its line.",
            Required = true,
        };
        var format = PointProcessOptions.Format();
        var user = PointProcessOptions.User();
        var json = CliOptions.Json();
        var cmd = new Command("loglik", "Log-likelihood Σ log λ(t_i) − ∫₀ᵀ λ of the events in a file (each user an independent history, summed).\n" +
            "Examples:\n  kairos loglik --family poisson --param rate=2 --events data/examples/events.jsonl --horizon 10 --json\n" +
            "  kairos loglik --family heavytail --param scale=1 --param shape=1.5 --param tail=0.8 --events e.csv --horizon 50")
        { family, param, events, horizon, format, user, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(family)!, pr.GetValue(param) ?? [], pr.GetValue(events)!, pr.GetValue(horizon),
            pr.GetValue(format), pr.GetValue(user), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string familyName, string[] assignments, string path, double? horizon, string? formatText,
        string? user, bool json)
    {
        var errors = new List<string>();
        var model = PointProcessOptions.Model(PointProcessOptions.FindFamily(familyName, errors), assignments, errors);
        PointProcessOptions.CheckHorizon(horizon, errors, required: true);
        var format = PointProcessOptions.ParseFormat(formatText, errors);
        PointProcessOptions.ThrowIfAny(errors);
        var histories = PointProcessOptions.LoadHistories(path, format, user, horizon);
        var times = histories.Select(h => h.Times()).ToList();
        if (times.Count == 0)
            throw new UserInputException($"{path}: the file has no events{(user is null ? "" : $" of user '{user}'")}, so there is no history to score (--events).");
        double loglik = PointProcessFitter.SumLogLikelihood(model!, times, Enumerable.Repeat(horizon!.Value, times.Count).ToList(),
            new double[model!.ParameterValues.Count]);
        int n = times.Sum(t => t.Length);
        if (!double.IsFinite(loglik))
            throw new UserInputException($"the log-likelihood under {PointProcessOptions.Describe(model)} on [0, {horizon.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}] " +
                $"is {(double.IsNaN(loglik) ? "undefined (NaN)" : loglik > 0 ? "+infinity" : "-infinity")}: the intensity integral overflows or an event has zero density; check the --param values and --horizon.");
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.loglik", version = 1, command = "loglik",
                family = Kairos.PointProcesses.PointProcessFamilies.Get(model.Family).Name,
                parameters = PointProcessOptions.Parameters(model), horizon = horizon.Value, users = histories.Count,
                loglik, events = n, loglikPerEvent = n > 0 ? loglik / n : (double?)null,
            });
            return KairosCli.Ok;
        }
        io.Out.WriteLine(FormattableString.Invariant($"loglik {loglik:R} over {n} events of {histories.Count} user(s) on [0, {horizon.Value:R}] under {PointProcessOptions.Describe(model)}"));
        return KairosCli.Ok;
    }
}
