using System.Diagnostics;
using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;

namespace Kairos.Cli.Bench;

/// <summary>`tpprl_iteration_ms`: one TPPRL SGD iteration — 32 episodes of ≈ 2,000 events with 50 marks (rollout with
/// Algorithm 2 sampling, BPTT, clipping, Adam) — on all cores, beside the same iteration on one thread.
/// Target 50 ms (the paper reports ~5 s on a K80 GPU for this size).</summary>
public sealed class TpprlBench : IBenchSource
{

    public IReadOnlyList<string> FigureNames => ["tpprl_iteration_ms", "tpprl_iteration_cpu_ms"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        var (parallel, single, cpu, events) = Time(quick ? 5 : 15);
        yield return new BenchFigure("tpprl_iteration_ms", parallel, "ms", Target: 50,
            Baseline: "same iteration on 1 thread", BaselineValue: single,
            Note: FormattableString.Invariant(
                $"batch 32, {events:F0} events/episode, 50 marks, H = 8, {Environment.ProcessorCount} cores{Load()}; median wall time"));
        // CPU time is less sensitive to other processes on a shared machine: cpu/cores estimates the unloaded wall time.
        yield return new BenchFigure("tpprl_iteration_cpu_ms", cpu, "ms", Baseline: "wall time on 1 thread", BaselineValue: single,
            Note: "process CPU time of the single-threaded iteration (median)");
    }

    /// <summary>Median wall milliseconds of one iteration on all cores and on one thread, the single thread's CPU
    /// milliseconds, and the mean events per episode. Both run until the JIT has settled (tiered compilation and
    /// on-stack replacement take a few hundred ms of hot code: timing the first iterations measured unoptimised code),
    /// then alternate, so drifting load from other processes hits both alike.</summary>
    internal static (double ParallelMs, double SingleMs, double CpuMs, double Events) Time(int reps)
    {
        var (env, policy) = Setup();
        var all = new Runner(env, policy, -1);
        var one = new Runner(env, policy, 1);
        var warm = Stopwatch.StartNew();
        for (int r = 0; r < 3 || warm.ElapsedMilliseconds < 1500; r++)
        {
            all.Iterate(r);
            one.Iterate(r);
        }
        var (walls, singles, cpus) = (new List<double>(), new List<double>(), new List<double>());
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < reps; r++)
        {
            walls.Add(all.Iterate(1000 + r));
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            singles.Add(one.Iterate(1000 + r));
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        return (Median(walls), Median(singles), Median(cpus), one.Events);
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs[xs.Count / 2];
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? ", load " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";

    /// <summary>One training iteration (EstimateGradient, clipping, Adam) at a fixed thread count.</summary>
    private sealed class Runner(CountingEnvironment env, NeuralTppPolicy policy, int threads)
    {
        private readonly PolicyGradientTrainer _trainer = new(env, new TrainerOptions
        {
            BatchSize = 32, MaxDegreeOfParallelism = threads, Regularizers = new RegularizerWeights(0.01, 0, 0.002), EvaluateEvery = 0,
        });
        private readonly double[] _theta = policy.Parameters.ToArray();
        private readonly Adam _adam = new(policy.Layout.Length);
        private readonly double[] _g = new double[policy.Layout.Length];

        public double Events { get; private set; }

        /// <summary>Wall milliseconds of one iteration on episodes (seed, 0..31).</summary>
        public double Iterate(int seed)
        {
            var sw = Stopwatch.StartNew();
            var view = new NeuralTppPolicy(policy.Layout, _theta);
            var batch = _trainer.EstimateGradient(view, seed, _g);
            GlobalNorm.Clip(_g, 1.0);
            for (int i = 0; i < _g.Length; i++) _g[i] = -_g[i];
            _adam.Step(_theta, _g, 1e-4);
            double ms = sw.Elapsed.TotalMilliseconds;
            Events = batch.Actions;
            return ms;
        }
    }

    /// <summary>50 marks, T = 100, λ ≈ 20 per unit (v = 0, w = 0) ⇒ ≈ 2,000 actions per episode.</summary>
    internal static (CountingEnvironment Env, NeuralTppPolicy Policy) Setup()
    {
        var env = new CountingEnvironment(horizon: 100, markCount: 50);
        var init = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(40), hidden: 8);
        var theta = init.Parameters.ToArray();
        theta[init.Layout.B] = Math.Log(20);
        theta[init.Layout.W] = 0;
        Array.Clear(theta, init.Layout.V, init.Layout.Hidden);
        return (env, new NeuralTppPolicy(init.Layout, theta));
    }
}
