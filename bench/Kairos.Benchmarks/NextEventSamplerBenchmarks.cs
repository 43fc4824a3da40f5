using BenchmarkDotNet.Attributes;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Benchmarks;

/// <summary>TPPRL Algorithm 2 per-sample cost as the policies run it (the exponential-in-time path of
/// <see cref="NextEventSampler"/> with a <see cref="DecisionRandom"/> target, an action and an action plus one
/// feedback refinement), against plain inverse-CDF draws of the same laws from the same stream (the baseline) and
/// Ogata thinning. (BenchmarkDotNet classes cannot be sealed.)</summary>
[MemoryDiagnoser]
public class NextEventSamplerBenchmarks
{
    private const int Batch = 1024;
    private const double Omega = -0.5;
    private readonly NextEventSampler _sampler = new();
    private DecisionRandom _random = new(DecisionRandom.KeyFor(1, 0));
    private Random _rng = new(1);

    private static double C(int i) => -0.5 + 0.125 * (i & 7);

    [GlobalSetup]
    public void Setup() => (_random, _rng) = (new DecisionRandom(DecisionRandom.KeyFor(1, 0)), new Random(1));

    [Benchmark(OperationsPerInvoke = Batch)]
    public double PolicyPath()
    {
        double t = 0, acc = 0;
        for (int i = 0; i < Batch; i++)
        {
            t = _sampler.StartAfterAction(t, C(i), Omega, _random.NextExponential());
            if (double.IsPositiveInfinity(t)) t = 0;
            acc += t;
        }
        return acc;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public double PlainInverseCdf()
    {
        double t = 0, acc = 0;
        for (int i = 0; i < Batch; i++)
        {
            t += ExponentialInTimeKernel.InverseCumulativeHazard(C(i), Omega, _random.NextExponential());
            if (double.IsPositiveInfinity(t)) t = 0;
            acc += t;
        }
        return acc;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double StartAndOneFeedback()
    {
        double acc = 0;
        for (int i = 0; i < Batch; i++)
        {
            double t = _sampler.StartAfterAction(0, C(i), Omega, _random.NextExponential());
            if (t > 0.1) t = _sampler.OnFeedback(0.1, C(i + 1), Omega);
            if (t < 1e300) acc += t;
        }
        return acc;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
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
