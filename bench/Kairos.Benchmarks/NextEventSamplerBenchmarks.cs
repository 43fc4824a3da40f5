using Kairos.Numerics;
using BenchmarkDotNet.Attributes;
using Kairos.PointProcesses;

namespace Kairos.Benchmarks;

/// <summary>TPPRL Algorithm 2 per-sample cost: the exponential-in-time fast path, the generic interface path, a
/// feedback refinement, and Ogata thinning of the same law as the baseline. (BenchmarkDotNet classes cannot be
/// sealed.)</summary>
[MemoryDiagnoser]
public class NextEventSamplerBenchmarks
{
    private const int Batch = 1024;
    private const double Omega = -0.5;
    private readonly NextEventSampler _sampler = new();
    private readonly ExponentialInTime[] _laws = Enumerable.Range(0, 8).Select(i => new ExponentialInTime(C(i), Omega)).ToArray();
    private Random _rng = new(1);

    private static double C(int i) => -0.5 + 0.125 * (i & 7);

    [GlobalSetup]
    public void Setup() => _rng = new Random(1);

    [Benchmark(OperationsPerInvoke = Batch)]
    public double FastPath()
    {
        double acc = 0;
        for (int i = 0; i < Batch; i++) acc += _sampler.StartAfterAction(0, C(i), Omega, _rng);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double GenericPath()
    {
        double acc = 0;
        for (int i = 0; i < Batch; i++) acc += _sampler.StartAfterAction(0, _laws[i & 7], _rng);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double StartAndOneFeedback()
    {
        double acc = 0;
        for (int i = 0; i < Batch; i++)
        {
            double t = _sampler.StartAfterAction(0, C(i), Omega, _rng);
            acc += _sampler.OnFeedback(Math.Min(t, 0.1), C(i + 1), Omega);
        }
        return acc;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public double OgataThinning()
    {
        double acc = 0;
        for (int i = 0; i < Batch; i++)
        {
            double c = C(i), t = 0;
            while (t < 50)
            {
                double bound = Math.Exp(c + Omega * t);
                t += ExponentialDraw.Next(_rng) / bound;
                if (_rng.NextDouble() * bound < Math.Exp(c + Omega * t)) break;
            }
            acc += t;
        }
        return acc;
    }
}
