namespace Kairos.Learning.Broadcasting;

/// <summary>
/// Karimi et al. (KDD'16), expected time at the top of a reverse-chronological feed with Poisson walls: on a segment
/// of length L where we post at rate μ and the wall at rate β, "on top" is a two-state Markov chain (we post: to top at
/// rate μ; the wall posts: off top at rate β), so P(t) = p + (h − p)e^{−(μ+β)t} with p = μ/(μ+β) and h = P at the
/// segment start. Its time on top is L·[p + (h − p)(1 − e^{−κ})/κ], κ = (μ+β)L, and the next segment starts at
/// h' = p + (h − p)e^{−κ} (digest §4.4, <c>expected_f_top_one</c>, with the time unit kept: our budget c_m is posts per
/// segment, μ = c_m/L). The feed starts empty, so h₀ = 1. Wall rates are floored at <see cref="MinWallRate"/>.
/// </summary>
public static class ExpectedTimeAtTop
{
    public const double MinWallRate = 1e-9;

    /// <summary>Σ_j Σ_m time on top for budgets <paramref name="budgets"/>[m] (posts per segment) and wall rates
    /// <paramref name="wallRates"/>[j][m] (posts per time unit); writes ∂/∂c_m into <paramref name="gradient"/>.</summary>
    public static double Value(ReadOnlySpan<double> budgets, IReadOnlyList<double[]> wallRates, double segmentLength, Span<double> gradient)
    {
        int m = budgets.Length;
        double L = segmentLength, total = 0;
        gradient.Clear();
        Span<double> dT = stackalloc double[m], dH = stackalloc double[m], dHdh = stackalloc double[m], dTdh = stackalloc double[m];
        foreach (var beta in wallRates)
        {
            double h = 1;
            for (int k = 0; k < m; k++)
            {
                double mu = budgets[k] / L, b = Math.Max(beta[k], MinWallRate), s = mu + b, kappa = s * L;
                double p = mu / s, e = Math.Exp(-kappa), g = G(kappa), gPrime = GPrime(kappa);
                double dp = b / (s * s);   // ∂p/∂μ
                total += L * (p + (h - p) * g);
                dT[k] = L * (dp * (1 - g) + (h - p) * gPrime * L) / L;      // ∂T_k/∂c_k (μ = c/L)
                dH[k] = (dp * (1 - e) - (h - p) * e * L) / L;               // ∂h_k/∂c_k
                dTdh[k] = L * g;
                dHdh[k] = e;
                h = p + (h - p) * e;
            }
            // Reverse pass: a = ∂(Σ_{k' > k} T_k')/∂h_k.
            double a = 0;
            for (int k = m - 1; k >= 0; k--)
            {
                gradient[k] += dT[k] + a * dH[k];
                a = dTdh[k] + a * dHdh[k];
            }
        }
        return total;
    }

    /// <summary>g(κ) = (1 − e^{−κ})/κ, by its series near 0.</summary>
    private static double G(double k) => k < 1e-4 ? 1 - k / 2 + k * k / 6 : -Numerics.Fn.Expm1(-k) / k;

    /// <summary>g'(κ) = (e^{−κ}(κ + 1) − 1)/κ².</summary>
    private static double GPrime(double k) => k < 1e-3 ? -0.5 + k / 3 - k * k / 8 : (Math.Exp(-k) * (k + 1) - 1) / (k * k);
}
