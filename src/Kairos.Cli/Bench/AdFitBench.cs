using System.Globalization;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>`admodel_fit_10k_users_seconds`: the whole `kairos fit-model` command (read, split, MAP fit + 4 bootstrap
/// members with early stopping, H = 16, held-out report, write) in process on a generated JSON Lines log of 10,000
/// users × ≈ 100 user events (plus their decisions), wall and process CPU seconds. Target: under 2 minutes.</summary>
public sealed class AdFitBench : IBenchSource
{
    public IReadOnlyList<string> FigureNames => ["admodel_fit_10k_users_seconds", "admodel_fit_10k_users_cpu_seconds"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        int users = quick ? 1_000 : 10_000;
        var dir = Directory.CreateTempSubdirectory("kairos-bench-fit-");
        try
        {
            string data = Path.Combine(dir.FullName, "logs.jsonl"), model = Path.Combine(dir.FullName, "model.json");
            int events = WriteLog(data, users);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            int code = 0;
            var (wall, cpu) = AdModelBench.Seconds(() => code = KairosCli.Run(["fit-model", "--data", data, "--out", model, "--seed", "1", "--json"],
                new CliIO(stdout, stderr, interactive: false)));
            if (code != 0) throw new InvalidOperationException("fit-model failed in the bench: " + stderr);
            string note = FormattableString.Invariant(
                $"kairos fit-model --ensemble 4 --hidden 16 (defaults: ≤ 40 epochs, patience 4), {users} users, {events} user events, {Environment.ProcessorCount} cores{AdModelBench.Load()}; CPU {cpu:F1} s");
            yield return new BenchFigure(quick ? "admodel_fit_1k_users_seconds" : "admodel_fit_10k_users_seconds", wall, "s", Target: quick ? null : 120, Note: note);
            yield return new BenchFigure(quick ? "admodel_fit_1k_users_cpu_seconds" : "admodel_fit_10k_users_cpu_seconds", cpu, "s",
                Note: "process CPU seconds of the same run: ÷ cores estimates the wall time on an idle machine");
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>The bench users of <see cref="AdModelBench"/> as an event file with one window row per user.</summary>
    private static int WriteLog(string path, int users)
    {
        var layout = new AdModelLayout(16, 3, 2);
        var rng = new Random(21);
        int events = 0;
        using var w = new StreamWriter(path);
        for (int u = 0; u < users; u++)
        {
            var user = AdModelBench.User(layout, rng, u);
            events += user.UserEventCount;
            w.Write(string.Create(CultureInfo.InvariantCulture, $$"""{"user":"u{{u}}","kind":"window","start":0,"end":{{user.End:R}}}""") + "\n");
            foreach (var e in user.Events)
            {
                string kind = e.Kind switch { EventKind.Feedback => "feedback", EventKind.Opportunity => "opportunity", _ => "action" };
                string value = e.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $",\"value\":{v:R}") : "";
                w.Write(string.Create(CultureInfo.InvariantCulture, $$"""{"user":"u{{u}}","time":{{e.Time:R}},"kind":"{{kind}}","mark":{{e.Mark}}{{value}}}""") + "\n");
            }
        }
        return events;
    }
}
