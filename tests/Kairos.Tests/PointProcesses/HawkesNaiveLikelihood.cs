using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Test oracle: the O(n²) double sum Σ_k log(μ + Σ_{t_r &lt; t_k} φ(t_k − t_r)) − Σ_i ∫₀ᵀ λ_i, every
/// excitation term added separately (no recursion, so nothing cancels; equal times do not excite each other).</summary>
internal static class HawkesNaiveLikelihood
{
    public static double LogLikelihood(HawkesExpKernel kernel, HawkesRealization data)
    {
        ReadOnlySpan<double> times = data.Times;
        ReadOnlySpan<int> marks = data.Marks;
        double ll = 0, T = data.Horizon;
        for (int k = 0; k < times.Length; k++)
        {
            int i = marks[k];
            double lam = kernel.Baseline(i);
            for (int r = 0; r < k; r++)
            {
                double s = times[k] - times[r];
                if (s > 0) lam += kernel.Adjacency(i, marks[r]) * kernel.Decay(i, marks[r]) * Math.Exp(-kernel.Decay(i, marks[r]) * s);
            }
            ll += Math.Log(lam);
        }
        for (int i = 0; i < kernel.Dimension; i++)
        {
            ll -= kernel.Baseline(i) * T;
            for (int r = 0; r < times.Length; r++)
                ll -= kernel.Adjacency(i, marks[r]) * -double.ExpM1(-kernel.Decay(i, marks[r]) * (T - times[r]));
        }
        return ll;
    }

    public static double LogLikelihood(double[] times, double horizon, double mu, double alpha, double beta) =>
        LogLikelihood(HawkesExpKernel.Univariate(mu, alpha, beta), HawkesRealization.Univariate(times, horizon));
}
