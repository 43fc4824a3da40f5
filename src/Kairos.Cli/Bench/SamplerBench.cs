using System.Diagnostics;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>TPPRL Algorithm 2 next-action sampling as the policies run it: <see cref="NextEventSampler"/>'s
/// exponential-in-time path with the Exp(1) target drawn from a counter-based <see cref="DecisionRandom"/>, exactly
/// the calls of <c>NeuralTppState</c> (a new action at the previous pending time; a feedback refinement in the
/// second figure). Same-run baselines: plain inverse-CDF draws of the same laws from the same stream through the same
/// kernel (no sampler state, no refinement bookkeeping), and Ogata thinning, which Algorithm 2 replaces. Each
/// iteration changes c, as a policy whose state moves at every event does; one core.</summary>
public sealed class SamplerBench : IBenchSource
{
    public IReadOnlyList<string> FigureNames => ["alg2_samples_per_s", "alg2_feedback_samples_per_s"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        double seconds = quick ? 0.3 : 1.5;
        Alg2(1000);   // JIT warm-up of every path
        PlainInverseCdf(1000);
        Alg2WithFeedback(1000);
        Thinning(1000);
        var alg2 = Rate(Alg2, seconds);
        var plain = Rate(PlainInverseCdf, seconds);
        var feedback = Rate(Alg2WithFeedback, seconds);
        var thinning = Rate(Thinning, seconds);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        string Note((double Best, double Median) r) =>
            $"best ~2 ms batch on one thread (median batch {r.Median.ToString("G3", ci)}/s; the machine may be shared)";
        yield return new BenchFigure("alg2_samples_per_s", alg2.Best, "samples/s", 25e6,
            "plain inverse-CDF draws, same laws and stream", plain.Best,
            Note(alg2) + "; NextEventSampler exp-in-time path with a DecisionRandom target, as NeuralTppState runs it");
        yield return new BenchFigure("alg2_feedback_samples_per_s", feedback.Best, "samples/s", null,
            "Ogata thinning, same laws", thinning.Best, Note(feedback) + "; each sample is an action plus one feedback refinement");
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

    // c cycles through a few values so that nothing is loop-invariant; ω < 0 so thinning has the bound e^c
    // (and 5–30% of the laws die out: the next action then restarts at 0).
    private static double C(int i) => -0.5 + 0.125 * (i & 7);
    private const double Omega = -0.5;

    /// <summary>The policy path: each action starts at the previous pending time with a fresh target.</summary>
    private static double Alg2(int n)
    {
        var random = new DecisionRandom(DecisionRandom.KeyFor(1, 0));
        var s = new NextEventSampler();
        double t = 0, acc = 0;
        for (int i = 0; i < n; i++)
        {
            t = s.StartAfterAction(t, C(i), Omega, random.NextExponential());
            if (double.IsPositiveInfinity(t)) t = 0;
            acc += t;
        }
        return _sink = acc;
    }

    /// <summary>Baseline: the same draws inverted through the same closed form, with no sampler.</summary>
    private static double PlainInverseCdf(int n)
    {
        var random = new DecisionRandom(DecisionRandom.KeyFor(1, 0));
        double t = 0, acc = 0;
        for (int i = 0; i < n; i++)
        {
            t += ExponentialInTimeKernel.InverseCumulativeHazard(C(i), Omega, random.NextExponential());
            if (double.IsPositiveInfinity(t)) t = 0;
            acc += t;
        }
        return _sink = acc;
    }

    /// <summary>An action, then a feedback a tenth of a unit later (when the action has not happened by then) that
    /// refines it under a new c: NeuralTppState's two sampler calls.</summary>
    private static double Alg2WithFeedback(int n)
    {
        var random = new DecisionRandom(DecisionRandom.KeyFor(1, 0));
        var s = new NextEventSampler();
        double acc = 0;
        for (int i = 0; i < n; i++)
        {
            double t = s.StartAfterAction(0, C(i), Omega, random.NextExponential());
            if (t > 0.1) t = s.OnFeedback(0.1, C(i + 1), Omega);
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
                t += ExponentialDraw.Next(rng) / bound;
                if (rng.NextDouble() * bound < Math.Exp(c + Omega * t)) break;
            }
            if (t < 50) acc += t;
        }
        return _sink = acc;
    }
}
