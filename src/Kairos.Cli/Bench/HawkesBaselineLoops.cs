namespace Kairos.Cli.Bench;

/// <summary>
/// Plain scalar loops the Hawkes log-likelihood figures are measured against (bench code, not library code; also
/// compiled into bench/Kairos.Benchmarks). Same model as the library kernels: λ(t) = μ + Σ_{t_j&lt;t} αβe^{−β(t − t_j)},
/// log L = Σ log λ(t_i) − μT − α Σ_j (1 − e^{−β(T − t_j)}). Inputs come from the simulator: sorted, no validation.
/// </summary>
internal static class HawkesBaselineLoops
{
    /// <summary>The textbook recursive loop: two Exp and one Log per event (Ozaki 1979). Strictly increasing times
    /// assumed (a tie would count as excitation).</summary>
    public static double TextbookRecursive(ReadOnlySpan<double> times, double horizon, double mu, double alpha, double beta)
    {
        double A = 0, ll = 0, sT = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            if (i > 0) A = Math.Exp(-beta * (t - times[i - 1])) * (A + 1);
            ll += Math.Log(mu + alpha * beta * A);
            sT += Math.Exp(-beta * (horizon - t));
        }
        return ll - mu * horizon - alpha * (times.Length - sT);
    }

    /// <summary>The textbook loop with gradient [∂μ, ∂α, ∂β]: two Exp, one Log and one division per event, with
    /// V_i = e^{−βΔ_i}(V_{i−1} + Δ_i(A_{i−1} + 1)) for ∂/∂β.</summary>
    public static double TextbookRecursive(ReadOnlySpan<double> times, double horizon, double mu, double alpha, double beta,
        Span<double> gradient)
    {
        double A = 0, V = 0, ll = 0, sT = 0, vT = 0, g0 = 0, g1 = 0, g2 = 0;
        for (int i = 0; i < times.Length; i++)
        {
            if (i > 0)
            {
                double dt = times[i] - times[i - 1], w = Math.Exp(-beta * dt);
                V = w * (V + dt * (A + 1));
                A = w * (A + 1);
            }
            double lam = mu + alpha * beta * A, inv = 1 / lam;
            ll += Math.Log(lam);
            g0 += inv; g1 += A * inv; g2 += (A - beta * V) * inv;
            double s = horizon - times[i], e = Math.Exp(-beta * s);
            sT += e; vT += s * e;
        }
        gradient[0] = g0 - horizon;
        gradient[1] = beta * g1 - (times.Length - sT);
        gradient[2] = alpha * g2 - alpha * vT;
        return ll - mu * horizon - alpha * (times.Length - sT);
    }

    /// <summary>The per-β sums a fixed-β kernel caches: A_i = Σ_{t_j&lt;t_i} e^{−β(t_i − t_j)} and
    /// Σ_j (1 − e^{−β(T − t_j)}).</summary>
    public static (double[] A, double CompensatorSum) CachedSums(ReadOnlySpan<double> times, double horizon, double beta)
    {
        var a = new double[times.Length];
        double A = 0, compensator = 0;
        for (int i = 0; i < times.Length; i++)
        {
            if (i > 0) A = Math.Exp(-beta * (times[i] - times[i - 1])) * (A + 1);
            a[i] = A;
            compensator -= double.ExpM1(-beta * (horizon - times[i]));
        }
        return (a, compensator);
    }

    /// <summary>The same work as the cached fixed-β kernel, as a plain loop: one Log per event over the cached A_i.</summary>
    public static double CachedSumsLoop(double[] a, double compensatorSum, double horizon, double mu, double alpha, double beta)
    {
        double c = alpha * beta, ll = 0;
        foreach (var ai in a) ll += Math.Log(mu + c * ai);
        return ll - mu * horizon - alpha * compensatorSum;
    }

    /// <summary>The same loop with the gradient [∂μ, ∂α]: one Log and one division per event.</summary>
    public static double CachedSumsLoop(double[] a, double compensatorSum, double horizon, double mu, double alpha, double beta,
        Span<double> gradient)
    {
        double c = alpha * beta, ll = 0, g0 = 0, g1 = 0;
        foreach (var ai in a)
        {
            double lam = mu + c * ai, inv = 1 / lam;
            ll += Math.Log(lam);
            g0 += inv; g1 += ai * inv;
        }
        gradient[0] = g0 - horizon;
        gradient[1] = beta * g1 - compensatorSum;
        return ll - mu * horizon - alpha * compensatorSum;
    }
}
