namespace Kairos.Pomdp;

/// <summary>Baseline offer sequences to compare the optimal policy against (all open loop, length n).</summary>
public static class Baselines
{
    /// <summary>Myopic: at each step the product with the largest expected immediate reward R_u(1 − H_u(γ)) under
    /// the current posterior, then γ ← γ + ζ_u.</summary>
    public static int[] Myopic(SequencingProblem problem, int horizon)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var gamma = new double[problem.K];
        var sequence = new int[horizon];
        for (int t = 0; t < horizon; t++)
        {
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int u = 0; u < problem.ProductCount; u++)
            {
                double v = problem.Products[u].Reward * (1 - problem.NoPurchase(u, gamma));
                if (v > bestValue) { bestValue = v; best = u; }
            }
            sequence[t] = best;
            for (int l = 0; l < problem.K; l++) gamma[l] += problem.Products[best].Zeta[l];
        }
        return sequence;
    }

    /// <summary>Fixed best: the single product whose constant sequence u, u, … has the largest exact value.</summary>
    public static int[] FixedBest(SequencingProblem problem, int horizon)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int best = Enumerable.Range(0, problem.ProductCount)
            .MaxBy(u => SequenceValue.Of(problem, Enumerable.Repeat(u, horizon).ToArray()));
        return Enumerable.Repeat(best, horizon).ToArray();
    }
}
