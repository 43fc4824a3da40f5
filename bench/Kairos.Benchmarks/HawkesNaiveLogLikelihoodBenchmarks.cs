using BenchmarkDotNet.Attributes;
using Kairos.PointProcesses;

namespace Kairos.Benchmarks;

/// <summary>The O(n²) test oracle beside the fast kernel at a size where it finishes.</summary>
[MemoryDiagnoser]
public class HawkesNaiveLogLikelihoodBenchmarks
{
    private double[] _times = Array.Empty<double>();
    private HawkesRealization _data = null!;
    private readonly HawkesExpKernel _kernel = HawkesExpKernel.Univariate(0.5, 0.6, 1.5);

    [GlobalSetup]
    public void Setup()
    {
        _data = HawkesSimulator.Thinning(_kernel, 1600, new Random(1));
        _times = _data.Times.ToArray();
    }

    [Benchmark(Baseline = true)]
    public double Naive() => HawkesLikelihood.NaiveLogLikelihood(_kernel, _data);

    [Benchmark]
    public double Fast() => HawkesFastLikelihood.LogLikelihood(_times, 1600, 0.5, 0.6, 1.5);
}
