using System.Diagnostics;
using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>`admodel_loglik_grad_events_per_s`: the ad-delivery user model's log-likelihood plus gradient (hand-written
/// BPTT, H = 16, the exposure inputs of new fits) over 2,000 users × ≈ 100 events on all cores, user events per second, beside the naive
/// implementation (<see cref="NaiveAdLikelihood"/>) on the same users, cores and chunks. Target 2 M/s on 2 cores.</summary>
public sealed class AdModelBench : IBenchSource
{
    public IReadOnlyList<string> FigureNames => ["admodel_loglik_grad_events_per_s", "admodel_loglik_grad_events_per_cpu_s"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        var layout = new AdModelLayout(16, 3, 2, AdModelLayout.DefaultExposureDecays);
        var rng = new Random(12);
        var theta = AdModelInitializer.Create(layout, rng);
        var net = new AdNetwork(layout, 1.0, theta);
        var users = Enumerable.Range(0, quick ? 500 : 2000).Select(u => User(layout, rng, u)).ToList();
        int events = users.Sum(u => u.UserEventCount);
        var batch = new AdBatchGradient(layout);
        var gradient = new double[layout.Length];
        void Fast() => batch.Evaluate(net, users, gradient);
        void Naive()
        {
            int chunks = (users.Count + AdBatchGradient.ChunkUsers - 1) / AdBatchGradient.ChunkUsers;
            Parallel.For(0, chunks, c =>
            {
                var g = new double[layout.Length];
                for (int u = c * AdBatchGradient.ChunkUsers; u < Math.Min(users.Count, (c + 1) * AdBatchGradient.ChunkUsers); u++)
                    NaiveAdLikelihood.Evaluate(net, users[u], g);
            });
        }
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1500) { Fast(); Naive(); }
        var (fast, naive, fastCpu, naiveCpu) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (int r = 0; r < (quick ? 3 : 7); r++)
        {
            var (wall, cpu) = Seconds(Fast);
            fast.Add(events / wall);
            fastCpu.Add(events / cpu);
            (wall, cpu) = Seconds(Naive);
            naive.Add(events / wall);
            naiveCpu.Add(events / cpu);
        }
        foreach (var list in new[] { fast, naive, fastCpu, naiveCpu }) list.Sort();
        yield return new BenchFigure("admodel_loglik_grad_events_per_s", fast[fast.Count / 2], "events/s", Target: 2e6,
            Baseline: "naive implementation, same users and cores", BaselineValue: naive[naive.Count / 2],
            Note: FormattableString.Invariant(
                $"H = 16, {users.Count} users, {events} user events, {Environment.ProcessorCount} cores{Load()}; median of {fast.Count}, range {fast[0]:G3}–{fast[^1]:G3} (naive {naive[0]:G3}–{naive[^1]:G3})"));
        // CPU time is far less sensitive to other processes on a shared machine: cores × this estimates the unloaded rate.
        yield return new BenchFigure("admodel_loglik_grad_events_per_cpu_s", fastCpu[fastCpu.Count / 2], "events/s",
            Baseline: "naive implementation, per CPU second", BaselineValue: naiveCpu[naiveCpu.Count / 2],
            Note: FormattableString.Invariant($"user events per second of process CPU time; range {fastCpu[0]:G3}–{fastCpu[^1]:G3} (naive {naiveCpu[0]:G3}–{naiveCpu[^1]:G3})"));
    }

    /// <summary>Wall and process CPU seconds of one run of <paramref name="work"/>.</summary>
    internal static (double Wall, double Cpu) Seconds(Action work)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        work();
        double wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, Math.Max(1e-6, (process.TotalProcessorTime - cpu0).TotalSeconds));
    }

    internal static string Load() =>
        File.Exists("/proc/loadavg") ? ", load " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";

    /// <summary>≈ 100 user events on [0, 100]: visits, clicks, conversions with values, opportunities each followed by a
    /// decision.</summary>
    internal static AdUserSequence User(AdModelLayout layout, Random rng, int u)
    {
        var list = new List<Event>();
        double t = 0;
        while ((t += -Math.Log(1 - rng.NextDouble())) < 100)
        {
            double r = rng.NextDouble();
            if (r < 0.3)
            {
                list.Add(new Event(t, EventKind.Opportunity));
                list.Add(new Event(t, EventKind.Action, rng.Next(layout.Ads + 1)));
            }
            else list.Add(new Event(t, EventKind.Feedback, (int)(3 * rng.NextDouble() * rng.NextDouble() * 1.5) % 3, r > 0.95 ? 20 * rng.NextDouble() : null));
        }
        return new AdUserSequence($"u{u}", list, 100, layout);
    }
}
