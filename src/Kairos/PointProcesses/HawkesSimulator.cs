using Kairos.Numerics;
using MathNet.Numerics.Distributions;

namespace Kairos.PointProcesses;

/// <summary>
/// Exact simulation of an exponential-kernel Hawkes process on [0, T].
/// <see cref="Thinning"/>: Ogata (1981) thinning; between events every λ_i only decays, so the total intensity just
/// after the last accepted (or rejected) candidate bounds it until the next event, and the bound is exact.
/// <see cref="Branching"/>: the cluster representation (Hawkes &amp; Oakes 1974): immigrants of dimension i form a
/// Poisson(μ_i) process; each event of dimension j has Poisson(α_ij) children of dimension i at Exp(β_ij) delays.
/// Both give the same law; the thinning sampler needs no stationarity, the branching one is O(n) without rejections.
/// </summary>
public static class HawkesSimulator
{
    /// <summary>Default cap on the number of events; a supercritical process (ρ(α) ≥ 1) can explode.</summary>
    public const int DefaultMaxEvents = 10_000_000;

    public static HawkesRealization Thinning(HawkesExpKernel kernel, double horizon, Random rng, int maxEvents = DefaultMaxEvents)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(rng);
        Require.Positive(horizon, nameof(horizon));
        int D = kernel.Dimension, P = D * D;
        HawkesLikelihood.Unpack(kernel, out var beta, out var alpha);
        var ab = new double[P];
        for (int p = 0; p < P; p++) ab[p] = alpha[p] * beta[p];
        var S = new double[P];   // Σ e^{−β_ij (t − t_k^j)} over accepted events, at the current time t
        var w = new double[P];
        var lam = new double[D];
        var times = new List<double>();
        var marks = new List<int>();
        double t = 0;
        double bound = Total(kernel, ab, S, lam);
        while (bound > 0)
        {
            double candidate = t + ExponentialDraw.Next(rng) / bound;   // Exp(bound) waiting time
            if (candidate > horizon) break;
            HawkesLikelihood.Weights(beta, candidate - t, kernel.SharedDecay, w);
            for (int p = 0; p < P; p++) S[p] *= w[p];
            t = candidate;
            double total = Total(kernel, ab, S, lam);
            double u = rng.NextDouble() * bound;
            if (u < total)
            {
                int i = 0;
                for (double cum = lam[0]; cum <= u && i < D - 1; cum += lam[++i]) { }
                times.Add(t);
                marks.Add(i);
                if (times.Count > maxEvents) throw TooMany(kernel, maxEvents);
                for (int r = 0; r < D; r++) S[r * D + i] += 1;
                total = Total(kernel, ab, S, lam);
            }
            bound = total;   // intensity only decays until the next event
        }
        return HawkesRealization.FromMarked(times.ToArray(), marks.ToArray(), D, horizon);
    }

    public static HawkesRealization Branching(HawkesExpKernel kernel, double horizon, Random rng, int maxEvents = DefaultMaxEvents)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(rng);
        Require.Positive(horizon, nameof(horizon));
        int D = kernel.Dimension;
        var events = new List<(double Time, int Mark)>();
        for (int i = 0; i < D; i++)
        {
            int count = Count(kernel.Baseline(i) * horizon, rng);
            for (int c = 0; c < count; c++) events.Add((rng.NextDouble() * horizon, i));
        }
        for (int next = 0; next < events.Count; next++)   // the list doubles as the FIFO queue of parents
        {
            var (t, j) = events[next];
            for (int i = 0; i < D; i++)
            {
                int children = Count(kernel.Adjacency(i, j), rng);
                for (int c = 0; c < children; c++)
                {
                    double child = t + ExponentialDraw.Next(rng) / kernel.Decay(i, j);
                    if (child <= horizon) events.Add((child, i));   // later descendants fall after T too
                }
            }
            if (events.Count > maxEvents) throw TooMany(kernel, maxEvents);
        }
        events.Sort((x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.Mark.CompareTo(y.Mark));
        return HawkesRealization.FromMarked(events.Select(e => e.Time).ToArray(), events.Select(e => e.Mark).ToArray(), D, horizon);
    }

    private static int Count(double mean, Random rng) => mean > 0 ? Poisson.Sample(rng, mean) : 0;

    private static double Total(HawkesExpKernel kernel, double[] ab, double[] S, double[] lam)
    {
        int D = kernel.Dimension;
        double total = 0;
        for (int i = 0; i < D; i++)
        {
            double l = kernel.Baseline(i);
            for (int j = 0; j < D; j++) l += ab[i * D + j] * S[i * D + j];
            lam[i] = l;
            total += l;
        }
        return total;
    }

    private static InvalidOperationException TooMany(HawkesExpKernel kernel, int maxEvents) =>
        new($"Unable to simulate {kernel} because it produced more than {CountText.Of(maxEvents, "event")} " +
            $"(spectral radius of alpha = {Require.Fmt(kernel.SpectralRadius())}; >= 1 means explosive). " +
            "Please, shorten the horizon, lower alpha or raise maxEvents.");
}
