using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Time-rescaling residuals of a Hawkes process (Ogata 1988; Brown et al. 2002): for dimension i,
/// τ_k = Λ_i(t_{k−1}^i, t_k^i] = ∫ λ_i over the gap between its consecutive events (from 0 for the first one).
/// Under the true model they are i.i.d. Exp(1). Increments are accumulated gap by gap in the merged event order:
/// ∫_a^b λ_i = μ_i (b − a) + Σ_j α_ij S_ij(a+) (1 − e^{−β_ij (b − a)}) with −expm1 (no cancellation).
/// </summary>
public static class HawkesCompensator
{
    /// <summary>Residuals per dimension: result[i] has one entry per event of dimension i.</summary>
    public static double[][] Residuals(HawkesExpKernel kernel, HawkesRealization data)
    {
        HawkesLikelihood.CheckArgs(kernel, data, default);
        int D = kernel.Dimension, P = D * D, n = data.Count;
        HawkesLikelihood.Unpack(kernel, out var beta, out var alpha);
        var S = new double[P];
        var acc = new double[D];   // Λ_i since the last event of dimension i
        var result = new double[D][];
        var filled = new int[D];
        for (int i = 0; i < D; i++) result[i] = new double[data.CountOf(i)];
        ReadOnlySpan<double> times = data.Times;
        ReadOnlySpan<int> marks = data.Marks;
        double tPrev = 0;
        for (int k = 0; k < n;)
        {
            double t = times[k], dt = t - tPrev;
            if (dt > 0)
            {
                for (int i = 0; i < D; i++)
                {
                    double inc = kernel.Baseline(i) * dt;
                    for (int j = 0; j < D; j++)
                    {
                        int p = i * D + j;
                        double em = Fn.Expm1(-beta[p] * dt);
                        inc += alpha[p] * S[p] * -em;
                        S[p] *= Math.Exp(-beta[p] * dt);   // not 1 + em: that loses e^{−x}'s digits for large x
                    }
                    acc[i] += inc;
                }
            }
            int end = k;
            while (end < n && times[end] == t) end++;
            for (int q = k; q < end; q++) { result[marks[q]][filled[marks[q]]++] = acc[marks[q]]; acc[marks[q]] = 0; }
            for (int q = k; q < end; q++)
                for (int i = 0; i < D; i++) S[i * D + marks[q]] += 1;
            tPrev = t;
            k = end;
        }
        return result;
    }
}
