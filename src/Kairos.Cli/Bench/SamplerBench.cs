using System.Diagnostics;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>TPPRL Algorithm 2 next-action sampling (<see cref="NextEventSampler"/>, exponential-in-time fast path)
/// against two same-run baselines on the same laws: the generic path (a new <see cref="ExponentialInTime"/> per
/// action, interface calls) and Ogata thinning, which Algorithm 2 replaces. Each iteration changes c, as a policy
/// whose state moves at every event does; one core.</summary>
public sealed class SamplerBench : IBenchSource
{

    public IReadOnlyList<string> FigureNames => ["alg2_samples_per_s", "alg2_generic_samples_per_s"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        double seconds = quick ? 0.3 : 1.5;
        Alg2Fast(1000);   // JIT warm-up of every path
        Alg2Generic(1000);
        Thinning(1000);
        var fast = Rate(Alg2Fast, seconds);
        var generic = Rate(Alg2Generic, seconds);
        var thinning = Rate(Thinning, seconds);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        string Note((double Best, double Median) r) =>
            $"best ~2 ms batch on one thread (median batch {r.Median.ToString("G3", ci)}/s; the machine may be shared)";
        yield return new BenchFigure("alg2_samples_per_s", fast.Best, "samples/s", 25e6,
            "Ogata thinning, same laws", thinning.Best, Note(fast));
        yield return new BenchFigure("alg2_generic_samples_per_s", generic.Best, "samples/s", null,
            "Ogata thinning, same laws", thinning.Best, Note(generic) + "; one ExponentialInTime allocated per action");
    }

    /// <summary>Samples per second of <paramref name="body"/> in batches of ~2 ms over the time budget: the best batch
    /// (the speed of one uncontended core: other processes only ever slow a batch down) and the median batch.</summary>
    private static (double Best, double Median) Rate(Func<int, double> body, double seconds)
    {
        int n = 1 << 10;
        var sw = Stopwatch.StartNew();
        while (true)
        {
            sw.Restart();
            body(n);
            if (sw.Elapsed.TotalMilliseconds >= 2 || n >= 1 << 24) break;
            n *= 2;
        }
        var rates = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || rates.Count < 5)
        {
            sw.Restart();
            body(n);
            rates.Add(n / sw.Elapsed.TotalSeconds);
        }
        rates.Sort();
        return (rates[^1], rates[rates.Count / 2]);
    }

    private static double _sink;

    // c cycles through a few values so that nothing is loop-invariant; ω < 0 so thinning has the bound e^c.
    private static double C(int i) => -0.5 + 0.125 * (i & 7);
    private const double Omega = -0.5;

    private static double Alg2Fast(int n)
    {
        var rng = new Random(1);
        var s = new NextEventSampler();
        double acc = 0;
        for (int i = 0; i < n; i++)
        {
            double t = s.StartAfterAction(0, C(i), Omega, rng);
            if (t < 1e300) acc += t;
        }
        return _sink = acc;
    }

    private static double Alg2Generic(int n)
    {
        var rng = new Random(1);
        var s = new NextEventSampler();
        double acc = 0;
        for (int i = 0; i < n; i++)
        {
            double t = s.StartAfterAction(0, new ExponentialInTime(C(i), Omega), rng);
            if (t < 1e300) acc += t;
        }
        return _sink = acc;
    }

    /// <summary>Ogata thinning of exp(c + ωτ) with the decreasing bound M(τ) = exp(c + ωτ) at the current τ,
    /// stopped at τ = 50 (the law can die out, which thinning can only detect by a horizon).</summary>
    private static double Thinning(int n)
    {
        var rng = new Random(1);
        double acc = 0;
        for (int i = 0; i < n; i++)
        {
            double c = C(i), t = 0;
            while (t < 50)
            {
                double bound = Math.Exp(c + Omega * t);
                t += TimeDistribution.StandardExponential(rng) / bound;
                if (rng.NextDouble() * bound < Math.Exp(c + Omega * t)) break;
            }
            if (t < 50) acc += t;
        }
        return _sink = acc;
    }
}
