using System.Diagnostics;
using System.Globalization;
using Kairos.Data.Anki;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Cli.Bench;

/// <summary>`fsrs_fit_seconds`: what `kairos fit-fsrs` does on the shipped 12,580-review log (read, 5 time-series
/// split fits plus the fit on all reviews, HLR, scoring) on all cores, beside the same on one thread; and the CPU
/// time of the one-thread run. Target 10 s (issue 14). Median of 3 runs (1 with --quick), range in the note.</summary>
public sealed class FsrsFitBench : IBenchSource
{
    public IReadOnlyList<string> FigureNames => ["fsrs_fit_seconds", "fsrs_fit_cpu_seconds"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        string? path = FindLog();
        Func<IReadOnlyList<ReviewLogRecord>> load = path is null
            ? () => FsrsSyntheticLog.Generate(FsrsParameters.Default, 1200, 10, new Random(1))
            : () => ReviewLogReader.ReadFile(path);
        string source = path is null ? "synthetic 12,000-review log (data/fsrs-review-log-12k.csv not found)" : "data/fsrs-review-log-12k.csv";
        Run(load, -1);   // JIT warm-up
        int reps = quick ? 1 : 3;
        var (walls, singles, cpus) = (new List<double>(), new List<double>(), new List<double>());
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < reps; r++)
        {
            walls.Add(Run(load, -1));
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            singles.Add(Run(load, 1));
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
        }
        string Spread(List<double> xs) => string.Create(CultureInfo.InvariantCulture, $"range {xs.Min():F2}–{xs.Max():F2} s over {xs.Count} runs");
        yield return new BenchFigure("fsrs_fit_seconds", Median(walls), "s", Target: 10,
            Baseline: "same on 1 thread", BaselineValue: Median(singles),
            Note: $"{source}; 6 FSRS-6 fits + HLR; median, {Spread(walls)}; {Environment.ProcessorCount} cores{Load()}");
        yield return new BenchFigure("fsrs_fit_cpu_seconds", Median(cpus), "s", Baseline: "wall time on 1 thread", BaselineValue: Median(singles),
            Note: $"process CPU time of the one-thread run (less sensitive to other processes); {Spread(cpus)}");
    }

    private static double Run(Func<IReadOnlyList<ReviewLogRecord>> load, int threads)
    {
        var sw = Stopwatch.StartNew();
        FsrsEvaluation.Run(FsrsReviewSet.From(load()), new FsrsFitter(), 5, threads);
        return sw.Elapsed.TotalSeconds;
    }

    private static string? FindLog()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "fsrs-review-log-12k.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s[s.Count / 2];
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? ", load " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";
}
