using System.CommandLine;
using System.Globalization;
using Kairos.Data;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Cli.Commands;

/// <summary>`kairos sample`: simulate a family on [0, T] and write, per user, the window row [0, T] and the events
/// (kind action, mark 0), so that users without events survive the round trip to <c>fit</c>.</summary>
public static class SampleCommand
{
    /// <summary>Largest expected event count (all users) that <c>kairos sample</c> accepts.</summary>
    public const double MaxExpectedEvents = 10_000_000;

    public static Command Create(CliIO io)
    {
        var family = PointProcessOptions.Family();
        var param = PointProcessOptions.Params();
        var horizon = new Option<double?>("--horizon") { Description = "End T of the window [0, T] (time units; required, > 0; refused when the expected number of events exceeds 10,000,000).", Required = true };
        var seed = CliOptions.Seed();
        var output = CliOptions.Out("Output event file; .jsonl/.ndjson/.json for JSON Lines, .csv for CSV (required).");
        output.Required = true;
        var format = PointProcessOptions.Format();
        var user = new Option<string?>("--user") { Description = "User name written to the file (default u1; with --users N, the prefix of u1..uN)." };
        var users = new Option<int>("--users") { Description = "Number of independent users; user i is seeded with SplitMix64(seed, i) (default 1).", DefaultValueFactory = _ => 1 };
        var json = CliOptions.Json();
        var cmd = new Command("sample", "Simulate a point-process family on [0, T] and write, per user, a window row [0, T] " +
            "and the events, so that fit and loglik see every user's window, users without events included.\n" +
            "Examples:\n  kairos sample --family poisson --param rate=2 --horizon 100 --seed 1 --out out/events.jsonl\n" +
            "  kairos sample --family hawkes --param mu=0.5 --param alpha=0.6 --param beta=2 --horizon 500 --users 10 --out out/h.csv\n" +
            "  kairos sample --family exp --param c=1 --param omega=-0.05 --horizon 200 --json --out out/decay.jsonl")
        { family, param, horizon, seed, output, format, user, users, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(family)!, pr.GetValue(param) ?? [], pr.GetValue(horizon), pr.GetValue(seed),
            pr.GetValue(output)!, pr.GetValue(format), pr.GetValue(user), pr.GetValue(users), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string familyName, string[] assignments, double? horizon, int seed, string output,
        string? formatText, string? user, int users, bool json)
    {
        var errors = new List<string>();
        var model = PointProcessOptions.Model(PointProcessOptions.FindFamily(familyName, errors), assignments, errors);
        PointProcessOptions.CheckHorizon(horizon, errors, required: true);
        var format = PointProcessOptions.ParseFormat(formatText, errors);
        if (users < 1) errors.Add($"--users must be >= 1, got {users}");
        if (user is { Length: 0 }) errors.Add("--user must not be empty");
        if (format is null)
        {
            try { EventFiles.DetectFormat(output); }
            catch (UserInputException e) { errors.Add(e.Message); }
        }
        if (model is not null && horizon is { } hz && double.IsFinite(hz) && hz > 0 && users >= 1)
        {
            // Refuse up front what would run for hours or exhaust memory (a typo'd horizon, an explosive Hawkes).
            double expected = ExpectedEventCount.Of(model, hz) * users;
            if (!(expected <= MaxExpectedEvents))
                errors.Add($"--horizon {hz.ToString("R", CultureInfo.InvariantCulture)} would produce about " +
                    $"{expected.ToString("G3", CultureInfo.InvariantCulture)} events in expectation ({CliFormat.Count(users, "user")}), more than the " +
                    $"limit of {MaxExpectedEvents:N0}; shorten --horizon, lower the rate{(model is HawkesPointProcess ? " or alpha" : "")} or use fewer --users");
        }
        PointProcessOptions.ThrowIfAny(errors);
        if (model is HawkesPointProcess { Alpha: >= 1 })
            io.Warn($"alpha = {((HawkesPointProcess)model).Alpha.ToString(CultureInfo.InvariantCulture)} >= 1: the process is explosive and the event count grows exponentially with the horizon.");

        var names = users == 1 ? [user ?? "u1"] : Enumerable.Range(1, users).Select(i => $"{user ?? "u"}{i}").ToArray();
        double t = horizon!.Value;
        var histories = io.WithProgress("kairos sample", users, json, progress =>
            names.Select((name, i) =>
            {
                progress.Report(i, name);
                return (Name: name, Times: model!.Simulate(t, SeedSequence.Stream(seed, i)));
            }).ToList());
        EventFiles.Write(output, EventDataSet.OnWindow(histories.Select(h => (h.Name, h.Times)), new ObservationWindow(0, t)), format);
        int total = histories.Sum(h => h.Times.Length);
        io.Info($"sampled {CliFormat.Count(total, "event")} for {CliFormat.Count(users, "user")} from {PointProcessOptions.Describe(model!)} on [0, {t.ToString("R", CultureInfo.InvariantCulture)}] with seed {seed} -> {output}");
        if (json)
            io.WriteJson(new
            {
                format = "kairos.sample", version = 1, command = "sample", seed,
                family = PointProcessFamilies.Get(model!.Family).Name, parameters = PointProcessOptions.Parameters(model),
                horizon = t, users, events = total, eventsPerUser = histories.Select(h => h.Times.Length), @out = output,
            });
        return KairosCli.Ok;
    }
}
