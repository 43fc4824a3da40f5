using System.CommandLine;
using System.Globalization;
using Kairos.Learning;
using Kairos.PointProcesses;

namespace Kairos.Cli.Commands;

/// <summary>`kairos loglik`: log-likelihood of an event file under given parameters, each user on its own window,
/// summed over users.</summary>
public static class LoglikCommand
{
    public static Command Create(CliIO io)
    {
        var family = PointProcessOptions.Family();
        var param = PointProcessOptions.Params();
        var events = PointProcessOptions.Events();
        var horizon = new Option<double?>("--horizon")
        {
            Description = "For a file without window rows: end T of the common window [0, T] (time units, > 0; required for " +
                          "such files). An event after T is an error naming its line. A file with window rows sets each " +
                          "user's window itself; --horizon must then agree with every window's end.",
        };
        var format = PointProcessOptions.Format();
        var user = PointProcessOptions.User();
        var kinds = PointProcessOptions.Kinds();
        var timeUnit = PointProcessOptions.TimeUnit();
        var json = CliOptions.Json();
        var cmd = new Command("loglik", "Log-likelihood Σ log λ(t_i − s) − ∫₀^{e−s} λ of the events in a file, each user an independent " +
            "history on its window [s, e] in time relative to s (users without events count), summed.\n" +
            "Examples:\n  kairos loglik --family poisson --param rate=2 --events data/examples/events.jsonl --horizon 10 --json\n" +
            "  kairos loglik --family heavytail --param scale=1 --param shape=1.5 --param tail=0.8 --events e.csv --horizon 50 --kinds action")
        { family, param, events, horizon, format, user, kinds, timeUnit, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(family)!, pr.GetValue(param) ?? [], pr.GetValue(events)!, pr.GetValue(horizon),
            pr.GetValue(format), pr.GetValue(user), pr.GetValue(kinds), pr.GetValue(timeUnit), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string familyName, string[] assignments, string path, double? horizon, string? formatText,
        string? user, string? kindsText, string? timeUnitText, bool json)
    {
        var errors = new List<string>();
        var model = PointProcessOptions.Model(PointProcessOptions.FindFamily(familyName, errors), assignments, errors);
        PointProcessOptions.CheckHorizon(horizon, errors, required: false);
        var format = PointProcessOptions.ParseFormat(formatText, errors);
        var kinds = PointProcessOptions.ParseKinds(kindsText, errors);
        var unit = PointProcessOptions.ParseTimeUnit(timeUnitText, errors);
        PointProcessOptions.ThrowIfAny(errors);
        var data = PointProcessOptions.LoadDataSet(path, format, user, horizon, unit);
        if (data.WindowSource == Kairos.Data.WindowSource.LastEvent)
            throw new UserInputException($"--horizon is required: {path} has no window rows, so the end T of the observation window [0, T] is unknown.");
        if (data.Count == 0)
            throw new UserInputException($"{path}: the file has no events or windows, so there is no history to score (--events).");
        var times = data.RelativeTimes(kinds);
        double loglik = PointProcessFitter.SumLogLikelihood(model!, times, data.Durations, new double[model!.ParameterValues.Count]);
        int n = times.Sum(t => t.Length);
        double? common = PointProcessOptions.CommonHorizon(data);
        string where = common is { } c ? $"[0, {F(c)}]" : "per-user windows";
        if (!double.IsFinite(loglik))
            throw new UserInputException($"the log-likelihood under {PointProcessOptions.Describe(model)} on {where} " +
                $"is {(double.IsNaN(loglik) ? "undefined (NaN)" : loglik > 0 ? "+infinity" : "-infinity")}: the intensity integral overflows or an event has zero density; check the --param values and the windows.");
        WindowWarnings.Warn(io, data, times, kinds);
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.loglik", version = 1, command = "loglik",
                family = PointProcessFamilies.Get(model.Family).Name,
                parameters = PointProcessOptions.Parameters(model), horizon = common,
                horizonSource = PointProcessOptions.WindowSourceName(data), timeUnit = timeUnitText is null ? null : Kairos.Data.TimeUnits.Name(unit), exposure = data.Durations.Sum(), users = data.Count,
                usersWithoutEvents = times.Count(t => t.Length == 0),
                kinds = kinds?.Order().Select(Kairos.Data.EventKindNames.Name).ToArray(),
                loglik, events = n, loglikPerEvent = n > 0 ? loglik / n : (double?)null,
            });
            return KairosCli.Ok;
        }
        io.Out.WriteLine($"loglik {F(loglik)} over {CliFormat.Count(n, "event")} ({PointProcessOptions.DescribeKinds(kinds)}) of {CliFormat.Count(data.Count, "user")} on {where} under {PointProcessOptions.Describe(model)}");
        return KairosCli.Ok;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
