using System.CommandLine;
using System.Globalization;
using Kairos.Cli.Bench;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos bench`: end-to-end performance figures, each beside a baseline measured in the same run.
/// Detailed micro-benchmarks live in bench/Kairos.Benchmarks (BenchmarkDotNet).</summary>
public static class BenchCommand
{
    public static Command Create(CliIO io)
    {
        var json = CliOptions.Json();
        var quick = new Option<bool>("--quick") { Description = "Shorter measurements (finishes in under a minute)." };
        var filter = new Option<string?>("--filter") { Description = "Only figures whose name contains this text." };
        var cmd = new Command("bench", "Measure throughput figures against their targets and same-run baselines.\n" +
            "Examples:\n  kairos bench --quick\n  kairos bench --json > bench.json")
        { json, quick, filter };
        cmd.SetAction(pr => Run(io, pr.GetValue(json), pr.GetValue(quick), pr.GetValue(filter)));
        return cmd;
    }

    private static int Run(CliIO io, bool json, bool quick, string? filter)
    {
        var listed = BenchSources.All().ToList();
        var known = listed.SelectMany(s => s.FigureNames).ToList();
        // A source that does not list its figures might match; only a filter no listed figure can match is an error.
        if (filter is not null && listed.All(s => s.FigureNames.Count > 0) && !known.Any(n => n.Contains(filter, StringComparison.Ordinal)))
            throw new UserInputException($"--filter '{filter}' matches no figure.{DidYouMean.Hint(filter, known)} Figures: {string.Join(", ", known)}");
        var sources = BenchSources.All()
            .Where(s => filter is null || s.FigureNames.Count == 0
                        || s.FigureNames.Any(n => n.Contains(filter, StringComparison.Ordinal)))
            .ToList();
        var figures = io.WithProgress("kairos bench", sources.Count, json, progress =>
        {
            var all = new List<BenchFigure>();
            for (int i = 0; i < sources.Count; i++)
            {
                progress.Report(i, sources[i].GetType().Name);
                all.AddRange(sources[i].Measure(quick));
            }
            return all;
        }).Where(f => filter is null || f.Name.Contains(filter, StringComparison.Ordinal)).ToList();
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.bench", version = 1, command = "bench", quick,
                machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
                figures = figures.Select(f => new
                {
                    name = f.Name, value = f.Value, unit = f.Unit, target = f.Target, meetsTarget = f.MeetsTarget,
                    baseline = f.Baseline, baselineValue = f.BaselineValue, ratio = f.Ratio, note = f.Note,
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("figure", "value", "unit", "target", "baseline (same run)", "ratio");
        foreach (var f in figures)
            table.AddRow(f.Name, Fmt(f.Value), f.Unit, f.Target is { } t ? Fmt(t) + (f.MeetsTarget == true ? " ok" : " MISSED") : "",
                f.Baseline is null ? "" : Markup.Escape($"{f.Baseline}: {Fmt(f.BaselineValue ?? double.NaN)}"),
                f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "");
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static string Fmt(double v) => v.ToString(Math.Abs(v) >= 1000 ? "N0" : "G4", CultureInfo.InvariantCulture);
}
