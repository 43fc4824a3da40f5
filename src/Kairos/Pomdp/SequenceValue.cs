namespace Kairos.Pomdp;

/// <summary>Exact value of an open-loop offer sequence (digest (1.4)):
/// V(π) = Σ_t β^{t−1} R_{π_t} (Z(Γ_{t−1}) − Z(Γ_t)) / Z(0), with Γ_t = Σ_{s≤t} ζ_{π_s}.</summary>
public static class SequenceValue
{
    /// <summary>V(π) for the finite sequence (nothing is offered after it ends).</summary>
    public static double Of(SequencingProblem problem, IReadOnlyList<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(sequence);
        var counts = new int[problem.ProductCount];
        double logZ0 = problem.LogPartition(new double[problem.K]), logZPrev = logZ0, value = 0, discount = 1;
        foreach (int u in sequence)
        {
            if ((uint)u >= (uint)problem.ProductCount)
                throw new ArgumentOutOfRangeException(nameof(sequence), u, $"sequence entry must be a product index in [0, {problem.ProductCount}), got {u}.");
            counts[u]++;
            double logZ = problem.LogPartition(problem.GammaOfCounts(counts));
            // Z(Γ_{t−1}) − Z(Γ_t) = Z(Γ_{t−1}) · (−expm1(ln Z(Γ_t) − ln Z(Γ_{t−1}))): no cancellation.
            double buy = Math.Exp(logZPrev - logZ0) * -Kairos.Numerics.Fn.Expm1(Math.Min(0, logZ - logZPrev));
            value += discount * problem.Products[u].Reward * buy;
            discount *= problem.Discount;
            logZPrev = logZ;
        }
        return value;
    }

    /// <summary>Product names of the first <paramref name="count"/> offers.</summary>
    public static string[] Names(SequencingProblem problem, IReadOnlyList<int> sequence, int count = int.MaxValue) =>
        sequence.Take(count).Select(u => problem.Products[u].Name).ToArray();
}
