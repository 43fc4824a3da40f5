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
        var repeat = new Option<int?>("--repeat") { Description = $"Runs of each figure, in [1, {MaxRepeats}]; the median is reported with the min–max spread (default 3, 2 with --quick)." };
        var cmd = new Command("bench", "Measure throughput figures against their targets and same-run baselines. " +
            "Each figure runs several times (median, min–max); 'better' says whether higher or lower is better, " +
            "'× faster' compares with the baseline of the same runs; the load average and build configuration are printed.\n" +
            "Examples:\n  kairos bench --quick\n  kairos bench --filter hawkes --repeat 5\n  kairos bench --json > out/bench.json")
        { json, quick, filter, repeat };
        cmd.SetAction(pr => Run(io, pr.GetValue(json), pr.GetValue(quick), pr.GetValue(filter), pr.GetValue(repeat)));
        return cmd;
    }

    public const int MaxRepeats = 20;

    private static int Run(CliIO io, bool json, bool quick, string? filter, int? repeatFlag)
    {
        int repeats = repeatFlag ?? (quick ? 2 : 3);
        if (repeats is < 1 or > MaxRepeats)
            throw new UserInputException($"--repeat must be an integer in [1, {MaxRepeats}], got {repeats}");
        var listed = BenchSources.All().ToList();
        var known = listed.SelectMany(s => s.FigureNames).ToList();
        // A source that does not list its figures might match; only a filter no listed figure can match is an error.
        if (filter is not null && listed.All(s => s.FigureNames.Count > 0) && !known.Any(n => n.Contains(filter, StringComparison.Ordinal)))
            throw new UserInputException($"--filter '{filter}' matches no figure.{DidYouMean.Hint(filter, known)} Figures: {string.Join(", ", known)}");
        var sources = BenchSources.All()
            .Where(s => filter is null || s.FigureNames.Count == 0
                        || s.FigureNames.Any(n => n.Contains(filter, StringComparison.Ordinal)))
            .ToList();
        double? loadBefore = BenchMachine.LoadAverage();
        var runs = io.WithProgress("kairos bench", sources.Count * repeats, json, progress =>
        {
            var all = new List<IReadOnlyList<BenchFigure>>();
            for (int r = 0; r < repeats; r++)
            {
                var run = new List<BenchFigure>();
                for (int i = 0; i < sources.Count; i++)
                {
                    progress.Report(r * sources.Count + i, $"{FigureLabel(sources[i], filter)} (run {r + 1}/{repeats})");
                    run.AddRange(sources[i].Measure(quick).Where(f => filter is null || f.Name.Contains(filter, StringComparison.Ordinal)));
                }
                all.Add(run);
            }
            return all;
        });
        double? loadAfter = BenchMachine.LoadAverage();
        var figures = BenchResult.Combine(runs);
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.bench", version = 2, command = "bench", quick, repeats,
                machine = new
                {
                    cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                    runtime = Environment.Version.ToString(), configuration = BenchMachine.Configuration,
                    loadAverageBefore = loadBefore, loadAverageAfter = loadAfter,
                },
                figures = figures.Select(f => new
                {
                    name = f.Name, value = f.Median, min = f.Min, max = f.Max, values = f.Values, unit = f.Unit,
                    better = f.LowerIsBetter ? "lower" : "higher", target = f.Target, meetsTarget = f.MeetsTarget,
                    baseline = f.Baseline, baselineValue = f.BaselineMedian, comparable = f.Comparable, timesFaster = f.TimesFaster, note = f.Note,
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("figure", "better", "median", $"spread (min–max, n={repeats})", "unit", "target",
            "baseline (same runs)", "× faster");
        foreach (var i in Enumerable.Range(2, 2)) table.Columns[i].RightAligned();
        table.Columns[7].RightAligned();
        foreach (var f in figures)
            table.AddRow(f.Name, f.LowerIsBetter ? "lower" : "higher", Fmt(f.Median), $"{Fmt(f.Min)} – {Fmt(f.Max)}", f.Unit,
                f.Target is { } t ? Fmt(t) + (f.MeetsTarget == true ? " ok" : " MISSED") : "",
                f.Baseline is null ? "" : Markup.Escape($"{f.Baseline}: {Fmt(f.BaselineMedian ?? double.NaN)}"),
                f.TimesFaster is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×"
                    : f.Baseline is not null && !f.Comparable ? "n/a (different problem size)" : "");
        io.Table().Write(table);
        io.Out.WriteLine(FormattableString.Invariant(
            $"machine: {Environment.ProcessorCount} cores, load average {Load(loadBefore)} before and {Load(loadAfter)} after; build {BenchMachine.Configuration}; {repeats} runs per figure"));
        if (BenchMachine.Configuration != "Release")
            io.Warn("a non-Release build: figures are slower than `dotnet run -c Release --project src/Kairos.Cli -- bench` gives.");
        return KairosCli.Ok;
    }

    private static string Load(double? load) => load is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) : "unknown";

    private static string Fmt(double v) => v.ToString(Math.Abs(v) >= 1000 ? "N0" : "G4", CultureInfo.InvariantCulture);

    /// <summary>What a source measures, in the figures' own names (never the C# class name).</summary>
    internal static string FigureLabel(IBenchSource source, string? filter)
    {
        var names = source.FigureNames.Where(n => filter is null || n.Contains(filter, StringComparison.Ordinal)).ToList();
        return names.Count == 0 ? "figures" : names.Count == 1 ? names[0] : $"{names[0]} and {names.Count - 1} more";
    }
}
