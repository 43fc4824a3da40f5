using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// One-dimensional exponential Hawkes log-likelihood with the decay β fixed: the excitation sums
/// A_i = Σ_{t_j &lt; t_i} e^{−β(t_i − t_j)} and S_T = Σ_j e^{−β(T − t_j)} depend only on (times, β), so they are
/// computed once (as <c>tick</c>'s <c>ModelHawkesExpKernLogLik</c> caches its per-decay weights) and each call
/// with new (μ, α) is one SIMD pass: log L = Σ_i log(μ + αβA_i) − μT − α(n − S_T).
/// Ties are allowed (equal times do not excite each other). Holds one double per event.
/// </summary>
public sealed class HawkesFixedDecayLikelihood
{
    private readonly double[] _a;
    private readonly double _compensatorSum;   // Σ_j (1 − e^{−β(T − t_j)})

    public HawkesFixedDecayLikelihood(ReadOnlySpan<double> times, double horizon, double decay)
    {
        Horizon = Require.Positive(horizon, nameof(horizon));
        Decay = Require.Positive(decay, "decay (beta)");
        HawkesRealization.CheckTimes(times, horizon, nameof(times));
        _a = new double[times.Length];
        // A over events strictly before the current time, decayed to it; `pending` counts events at the current time.
        double A = 0, tCur = 0, compensator = 0;
        int pending = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            if (t > tCur) { A = Math.Exp(-decay * (t - tCur)) * (A + pending); tCur = t; pending = 0; }
            _a[i] = A;
            pending++;
            compensator += -Fn.Expm1(-decay * (horizon - t));
        }
        _compensatorSum = compensator;
    }

    public double Horizon { get; }

    /// <summary>β (per time unit).</summary>
    public double Decay { get; }

    public int Count => _a.Length;

    /// <summary>log L(μ, α | β).</summary>
    public double LogLikelihood(double mu, double alpha)
    {
        HawkesFastLikelihood.CheckParameters(Horizon, mu, alpha, Decay);
        var acc = LogProductAccumulator.Create();
        double c = alpha * Decay;
        for (int start = 0; start < _a.Length; start += HawkesFastLikelihood.Chunk)
            HawkesFastLikelihood.SumLog(_a.AsSpan(start, Math.Min(HawkesFastLikelihood.Chunk, _a.Length - start)), mu, c, ref acc);
        return acc.Total - mu * Horizon - alpha * _compensatorSum;
    }

    /// <summary>log L(μ, α | β) and its gradient [∂μ, ∂α] (2 entries).</summary>
    public double LogLikelihood(double mu, double alpha, Span<double> gradient)
    {
        if (gradient.Length != 2)
            throw new ArgumentException($"gradient must have 2 entries (mu, alpha), got {gradient.Length}.", nameof(gradient));
        HawkesFastLikelihood.CheckParameters(Horizon, mu, alpha, Decay);
        var acc = LogProductAccumulator.Create();
        double c = alpha * Decay, s0 = 0, s1 = 0;
        for (int start = 0; start < _a.Length; start += HawkesFastLikelihood.Chunk)
        {
            var a = _a.AsSpan(start, Math.Min(HawkesFastLikelihood.Chunk, _a.Length - start));
            var (g0, g1, _) = HawkesFastLikelihood.SumLogGrad(a, a, mu, c, ref acc);
            s0 += g0; s1 += g1;
        }
        gradient[0] = s0 - Horizon;
        gradient[1] = Decay * s1 - _compensatorSum;
        return acc.Total - mu * Horizon - alpha * _compensatorSum;
    }
}
