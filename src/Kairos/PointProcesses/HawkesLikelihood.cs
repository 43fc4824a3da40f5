using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Log-likelihood of a multivariate exponential-kernel Hawkes process on [0, T] (Ogata 1978; Daley &amp; Vere-Jones
/// eq. 7.2.5):
/// log L = Σ_k log λ_{m_k}(t_k) − Σ_i ∫₀ᵀ λ_i(t) dt, with
/// ∫₀ᵀ λ_i = μ_i T + Σ_j α_ij Σ_{t_k^j} (1 − e^{−β_ij (T − t_k^j)}) (the survival term after the last event included).
/// <see cref="LogLikelihood"/> uses the O(n·D²) recursion of Ozaki (1979): with
/// S_ij(t) = Σ_{t_k^j &lt; t} e^{−β_ij (t − t_k^j)} and V_ij(t) = Σ (t − t_k^j) e^{−β_ij (t − t_k^j)},
/// S(t+Δ) = e^{−βΔ} S(t) and V(t+Δ) = e^{−βΔ}(V(t) + Δ S(t)) between events; ∂(βS)/∂β = S − βV gives the decay
/// gradient.
/// Convention: <c>tick</c>'s plain log-likelihood equals −(loss·N + D·T) of its <c>ModelHawkesExpKernLogLik</c>.
/// </summary>
public static class HawkesLikelihood
{
    /// <summary>Recursive log-likelihood. When <paramref name="gradient"/> is non-empty it must have
    /// <see cref="HawkesLayout.Count"/> entries and receives ∂ log L / ∂[μ; α; β]. Returns −∞ (gradient NaN) when
    /// some event has zero intensity (e.g. μ_i = 0 and no earlier excitation).</summary>
    public static double LogLikelihood(HawkesExpKernel kernel, HawkesRealization data, Span<double> gradient = default)
    {
        var L = CheckArgs(kernel, data, gradient);
        int D = L.Dimension, P = D * D, n = data.Count;
        bool grad = !gradient.IsEmpty;
        if (grad) gradient.Clear();
        Unpack(kernel, out var beta, out var alpha);
        var S = new double[P];
        var V = new double[P];
        var w = new double[P];
        ReadOnlySpan<double> times = data.Times;
        ReadOnlySpan<int> marks = data.Marks;
        double ll = 0, tPrev = 0;
        for (int k = 0; k < n;)
        {
            double t = times[k];
            double dt = t - tPrev;
            if (dt > 0)
            {
                Weights(beta, dt, kernel.SharedDecay, w);
                for (int p = 0; p < P; p++) { V[p] = w[p] * (V[p] + dt * S[p]); S[p] *= w[p]; }
            }
            int end = k;
            while (end < n && times[end] == t) end++;   // equal times do not excite each other
            for (int q = k; q < end; q++)
            {
                int i = marks[q];
                double lam = kernel.Baseline(i);
                for (int j = 0; j < D; j++) lam += alpha[i * D + j] * beta[i * D + j] * S[i * D + j];
                if (!(lam > 0)) { if (grad) gradient.Fill(double.NaN); return double.NegativeInfinity; }
                ll += Math.Log(lam);
                if (!grad) continue;
                double inv = 1 / lam;
                gradient[L.Baseline(i)] += inv;
                for (int j = 0; j < D; j++)
                {
                    int p = i * D + j;
                    gradient[L.Adjacency(i, j)] += beta[p] * S[p] * inv;
                    gradient[L.Decay(i, j)] += alpha[p] * (S[p] - beta[p] * V[p]) * inv;
                }
            }
            for (int q = k; q < end; q++)
                for (int i = 0; i < D; i++) S[i * D + marks[q]] += 1;
            tPrev = t;
            k = end;
        }
        return ll - Compensator(kernel, data, alpha, beta, gradient);
    }

    /// <summary>Σ_i ∫₀ᵀ λ_i, term by term with −expm1 (no cancellation); subtracts its gradient when requested.</summary>
    private static double Compensator(HawkesExpKernel kernel, HawkesRealization data, double[] alpha, double[] beta, Span<double> gradient)
    {
        var L = kernel.Layout;
        int D = L.Dimension;
        double T = data.Horizon, total = 0;
        var C = new double[D * D];
        var VT = new double[D * D];
        ReadOnlySpan<double> times = data.Times;
        ReadOnlySpan<int> marks = data.Marks;
        for (int k = 0; k < times.Length; k++)
        {
            int j = marks[k];
            double s = T - times[k];
            for (int i = 0; i < D; i++)
            {
                int p = i * D + j;
                C[p] += -Fn.Expm1(-beta[p] * s);
                if (!gradient.IsEmpty) VT[p] += s * Math.Exp(-beta[p] * s);
            }
        }
        for (int i = 0; i < D; i++)
        {
            total += kernel.Baseline(i) * T;
            if (!gradient.IsEmpty) gradient[L.Baseline(i)] -= T;
            for (int j = 0; j < D; j++)
            {
                int p = i * D + j;
                total += alpha[p] * C[p];
                if (gradient.IsEmpty) continue;
                gradient[L.Adjacency(i, j)] -= C[p];
                gradient[L.Decay(i, j)] -= alpha[p] * VT[p];
            }
        }
        return total;
    }

    /// <summary>λ_i(t) given the events of <paramref name="data"/> strictly before t (O(n)).</summary>
    public static double Intensity(HawkesExpKernel kernel, HawkesRealization data, int dimension, double t)
    {
        CheckArgs(kernel, data, default);
        if ((uint)dimension >= (uint)kernel.Dimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension must lie in [0, {kernel.Dimension - 1}], got {dimension}.");
        double lam = kernel.Baseline(dimension);
        ReadOnlySpan<double> times = data.Times;
        for (int r = 0; r < times.Length && times[r] < t; r++) lam += kernel.KernelValue(dimension, data.Marks[r], t - times[r]);
        return lam;
    }

    internal static HawkesLayout CheckArgs(HawkesExpKernel kernel, HawkesRealization data, ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Dimension != kernel.Dimension)
            throw new ArgumentException(
                $"the data has {data.Dimension} dimension(s) but the kernel has {kernel.Dimension}; they must match.", nameof(data));
        if (!gradient.IsEmpty && gradient.Length != kernel.Layout.Count)
            throw new ArgumentException(
                $"gradient must have {CountText.Of(kernel.Layout.Count, "entry", "entries")} (layout [mu; alpha; beta]), got {gradient.Length}.", nameof(gradient));
        return kernel.Layout;
    }

    internal static void Unpack(HawkesExpKernel kernel, out double[] beta, out double[] alpha)
    {
        int D = kernel.Dimension;
        beta = new double[D * D];
        alpha = new double[D * D];
        for (int i = 0; i < D; i++)
            for (int j = 0; j < D; j++) { beta[i * D + j] = kernel.Decay(i, j); alpha[i * D + j] = kernel.Adjacency(i, j); }
    }

    /// <summary>w_p = e^{−β_p Δ}; one exp when the decay is shared.</summary>
    internal static void Weights(double[] beta, double dt, bool shared, double[] w)
    {
        if (shared) Array.Fill(w, Math.Exp(-beta[0] * dt));
        else for (int p = 0; p < w.Length; p++) w[p] = Math.Exp(-beta[p] * dt);
    }
}
