using BenchmarkDotNet.Attributes;
using Kairos.Environments.Toy;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Benchmarks;

/// <summary>
/// One TPPRL episode of ≈ 2,000 events with 50 marks: rollout (RNN steps + Algorithm 2 sampling into a pooled tape)
/// and BPTT. [MemoryDiagnoser] shows the allocations per episode: a handful of per-episode objects (state, episode,
/// metrics dictionary), none per event — compare Allocated with 2,000 × any per-event object.
/// </summary>
[MemoryDiagnoser]
public class TpprlBenchmarks
{
    private CountingEnvironment _env = null!;
    private NeuralTppPolicy _policy = null!;
    private TpprlTape _tape = null!;
    private double[] _gradient = null!;
    private readonly RegularizerWeights _q = new(0.01, 0, 0.002);

    [GlobalSetup]
    public void Setup()
    {
        _env = new CountingEnvironment(horizon: 100, markCount: 50);
        var init = NeuralTppPolicy.Initialize(_env.Spec.Context, new Random(40), hidden: 8);
        var theta = init.Parameters.ToArray();
        theta[init.Layout.B] = Math.Log(20);
        theta[init.Layout.W] = 0;
        Array.Clear(theta, init.Layout.V, init.Layout.Hidden);
        _policy = new NeuralTppPolicy(init.Layout, theta);
        _tape = new TpprlTape(_policy.Layout);
        _gradient = new double[_policy.Layout.Length];
        Rollout();   // grows the pooled tape once
    }

    [Benchmark(Description = "rollout 2k events (pooled tape)")]
    public int Rollout() => EpisodeRunner.Run(_env, _policy.RecordingInto(_tape), 7, 0).Actions;

    [Benchmark(Description = "BPTT 2k events")]
    public double Backward() =>
        TpprlObjective.Accumulate(_policy.Parameters, _tape, 0.3, _q, -1, _gradient).LogLikelihood;

    [Benchmark(Description = "rollout with a fresh tape (allocating baseline)")]
    public int RolloutFreshTape() => EpisodeRunner.Run(_env, _policy, 7, 0).Actions;
}
