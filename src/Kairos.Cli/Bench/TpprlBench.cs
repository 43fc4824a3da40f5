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
    public int Order => 40;

    public IReadOnlyList<string> FigureNames => ["tpprl_iteration_ms", "tpprl_iteration_cpu_ms"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        int reps = quick ? 3 : 10;
        var (parallel, events, _) = Time(-1, reps);
        var (single, _, cpu) = Time(1, reps);
        yield return new BenchFigure("tpprl_iteration_ms", parallel, "ms", Target: 50,
            Baseline: "same iteration on 1 thread", BaselineValue: single,
            Note: FormattableString.Invariant($"batch 32, {events:F0} events/episode, 50 marks, H = 8, {Environment.ProcessorCount} cores; median wall time"));
        // CPU time is less sensitive to other processes on a shared machine: cpu/cores estimates the unloaded wall time.
        yield return new BenchFigure("tpprl_iteration_cpu_ms", cpu, "ms", Baseline: "wall time on 1 thread", BaselineValue: single,
            Note: "process CPU time of the single-threaded iteration (median)");
    }

    /// <summary>Median milliseconds of one iteration and the mean events per episode.</summary>
    internal static (double Ms, double Events, double CpuMs) Time(int threads, int reps)
    {
        var (env, policy) = Setup();
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions
        {
            BatchSize = 32, MaxDegreeOfParallelism = threads, Regularizers = new RegularizerWeights(0.01, 0, 0.002), EvaluateEvery = 0,
        });
        var theta = policy.Parameters.ToArray();
        var adam = new Adam(theta.Length);
        var g = new double[theta.Length];
        var times = new List<double>();
        var cpus = new List<double>();
        var process = Process.GetCurrentProcess();
        double events = 0;
        for (int r = -1; r < reps; r++)   // one warm-up
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var view = new NeuralTppPolicy(policy.Layout, theta);
            var batch = trainer.EstimateGradient(view, 1000 + r, g);
            GlobalNorm.Clip(g, 1.0);
            for (int i = 0; i < g.Length; i++) g[i] = -g[i];
            adam.Step(theta, g, 1e-4);
            double wall = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            if (r >= 0) { times.Add(wall); cpus.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds); }
            events = batch.Actions;
        }
        times.Sort();
        cpus.Sort();
        return (times[times.Count / 2], events, cpus[cpus.Count / 2]);
    }

    /// <summary>50 marks, T = 100, λ ≈ 20 per unit (v = 0, w = 0) ⇒ ≈ 2,000 actions per episode.</summary>
    internal static (CountingEnvironment Env, NeuralTppPolicy Policy) Setup()
    {
        var env = new CountingEnvironment(horizon: 100, markCount: 50);
        var init = NeuralTppPolicy.Initialize(env.Spec, new Random(40), hidden: 8);
        var theta = init.Parameters.ToArray();
        theta[init.Layout.B] = Math.Log(20);
        theta[init.Layout.W] = 0;
        Array.Clear(theta, init.Layout.V, init.Layout.Hidden);
        return (env, new NeuralTppPolicy(init.Layout, theta));
    }
}
