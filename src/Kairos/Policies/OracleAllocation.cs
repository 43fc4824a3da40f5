namespace Kairos.Policies;

/// <summary>
/// Allocates K reviews, all taken just before T, across items to maximise the expected test recall
/// Σ_i g_i(k_i), g_i(k) = exp(−τ n_i(0) (1 − α)^k) (every late review recalled; issue 5's oracle).
/// g_i is not concave: with u = τ n_i(0)(1−α)^k, g'' ∝ g·u·(u − 1), convex while u &gt; 1 (the first ≈ ln(τ n)/α
/// reviews of a hard item gain little). So the plain one-step greedy can stall on hard items; <see cref="Greedy"/>
/// uses the best <i>average</i> gain over any number of further reviews (the usual rule for sigmoidal returns),
/// and <see cref="Exact"/> solves the separable problem by dynamic programming in O(N K²).
/// </summary>
public static class OracleAllocation
{
    /// <summary>g(k) = exp(−τ n (1 − α)^k).</summary>
    public static double Gain(double initialRate, double alpha, double testDelay, int reviews) =>
        Math.Exp(-testDelay * initialRate * Math.Pow(1 - alpha, reviews));

    /// <summary>Σ_i g_i(k_i).</summary>
    public static double Objective(IReadOnlyList<double> initialRates, double alpha, double testDelay, IReadOnlyList<int> allocation)
    {
        double sum = 0;
        for (int i = 0; i < initialRates.Count; i++) sum += Gain(initialRates[i], alpha, testDelay, allocation[i]);
        return sum;
    }

    /// <summary>Greedy with look-ahead: each review goes to the item whose best average marginal gain
    /// max_j (g(k+j) − g(k))/j over j ≤ reviews left is largest (ties to the lower index).</summary>
    public static int[] Greedy(IReadOnlyList<double> initialRates, double alpha, double testDelay, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var k = new int[initialRates.Count];
        for (int left = budget; left > 0; left--)
        {
            int best = -1;
            double bestRate = double.NegativeInfinity;
            for (int i = 0; i < k.Length; i++)
            {
                double g0 = Gain(initialRates[i], alpha, testDelay, k[i]);
                for (int j = 1; j <= left; j++)
                {
                    double r = (Gain(initialRates[i], alpha, testDelay, k[i] + j) - g0) / j;
                    if (r > bestRate) (bestRate, best) = (r, i);
                }
            }
            k[best]++;
        }
        return k;
    }

    /// <summary>The optimal allocation (dynamic programming over items and budget).</summary>
    public static int[] Exact(IReadOnlyList<double> initialRates, double alpha, double testDelay, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        int n = initialRates.Count;
        var value = new double[budget + 1];   // best Σ over items 0..i−1 using exactly b reviews
        var next = new double[budget + 1];
        var choice = new int[n, budget + 1];
        var gain = new double[budget + 1];
        Array.Fill(value, double.NegativeInfinity);
        value[0] = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= budget; j++) gain[j] = Gain(initialRates[i], alpha, testDelay, j);
            for (int b = 0; b <= budget; b++)
            {
                double best = double.NegativeInfinity;
                int arg = 0;
                for (int j = 0; j <= b; j++)
                {
                    double v = value[b - j] + gain[j];
                    if (v > best) (best, arg) = (v, j);
                }
                next[b] = best;
                choice[i, b] = arg;
            }
            (value, next) = (next, value);
        }
        var k = new int[n];
        for (int i = n - 1, b = budget; i >= 0; i--)
        {
            k[i] = choice[i, b];
            b -= k[i];
        }
        return k;
    }
}
