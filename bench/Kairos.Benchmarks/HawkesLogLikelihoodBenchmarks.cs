using BenchmarkDotNet.Attributes;
using Kairos.Cli.Bench;
using Kairos.PointProcesses;

namespace Kairos.Benchmarks;

/// <summary>
/// 1-D exponential Hawkes log-likelihood at n ≈ 1e6 events (μ = 0.5, α = 0.6, β = 1.5): the fast kernels vs the
/// textbook recursive loop (Exp twice, Log once per event) and, for β fixed, a loop over the same cached sums.
/// </summary>
[MemoryDiagnoser]
public class HawkesLogLikelihoodBenchmarks
{
    private double[] _times = Array.Empty<double>();
    private double _horizon;
    private HawkesFixedDecayLikelihood _fixedDecay = null!;
    private readonly double[] _gradient = new double[3];
    private double[] _cached = Array.Empty<double>();
    private double _compensatorSum;

    [Params(1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _horizon = Events / 1.25;   // mean rate μ/(1 − α)
        _times = HawkesSimulator.Thinning(HawkesExpKernel.Univariate(0.5, 0.6, 1.5), _horizon, new Random(1)).Times.ToArray();
        _fixedDecay = new HawkesFixedDecayLikelihood(_times, _horizon, 1.5);
        (_cached, _compensatorSum) = HawkesBaselineLoops.CachedSums(_times, _horizon, 1.5);
    }

    [Benchmark(Baseline = true)]
    public double SimpleRecursive() => HawkesBaselineLoops.TextbookRecursive(_times, _horizon, 0.5, 0.6, 1.5);

    [Benchmark]
    public double SimpleRecursiveWithGradient() => HawkesBaselineLoops.TextbookRecursive(_times, _horizon, 0.5, 0.6, 1.5, _gradient);

    [Benchmark]
    public double CachedSumsLoop() => HawkesBaselineLoops.CachedSumsLoop(_cached, _compensatorSum, _horizon, 0.5, 0.6, 1.5);

    [Benchmark]
    public double FastFixedDecay() => _fixedDecay.LogLikelihood(0.5, 0.6);

    [Benchmark]
    public double Fast() => HawkesFastLikelihood.LogLikelihood(_times, _horizon, 0.5, 0.6, 1.5);

    [Benchmark]
    public double FastWithGradient() => HawkesFastLikelihood.LogLikelihood(_times, _horizon, 0.5, 0.6, 1.5, _gradient);

    [Benchmark]
    public double ReferenceRecursion() =>
        HawkesLikelihood.LogLikelihood(HawkesExpKernel.Univariate(0.5, 0.6, 1.5), HawkesRealization.Univariate(_times, _horizon));
}
