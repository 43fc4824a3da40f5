using Kairos.Numerics;
using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

/// <summary>
/// Test oracle. Ground truth for tiny problems: every sequence in U^n, each valued on the full |S|-dimensional belief with the
/// Bayes update (F_u φ)(x) ∝ φ(x) q_u(x) of R&amp;VR §3 (digest (2.1)), q_u(x) = Π_l f_l(x)^{ζ_{u,l}} computed
/// directly from f. Shares no code with the reduced (γ) solvers, so it can catch their mistakes.
/// </summary>
internal static class BruteForceSolver
{
    public static ExactSolution Solve(SequencingProblem problem, int horizon, long maxSequences = 2_000_000)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(horizon, nameof(horizon));
        if (problem.Profiles is not EnumeratedProfiles profiles)
            throw new ArgumentException("Brute force needs an enumerated profile set.", nameof(problem));
        int uCount = problem.ProductCount;
        if (Math.Pow(uCount, horizon) > maxSequences)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"{uCount}^{horizon} sequences exceed the limit {maxSequences}.");
        var q = NoPurchaseTable(problem, profiles);
        var seq = new int[horizon];
        double best = double.NegativeInfinity;
        int[] bestSeq = new int[horizon];
        long total = (long)Math.Pow(uCount, horizon);
        for (long code = 0; code < total; code++)
        {
            long c = code;
            for (int t = horizon - 1; t >= 0; t--) { seq[t] = (int)(c % uCount); c /= uCount; }
            double v = Value(problem, profiles, q, seq);
            if (v > best + 1e-15) { best = v; seq.CopyTo(bestSeq, 0); }
        }
        return new ExactSolution(best, bestSeq, horizon, total);
    }

    /// <summary>Value of a sequence by explicit belief updates: Σ_t β^{t−1} R_{π_t} P(reach t) Σ_x φ_t(x) p_{π_t}(x).</summary>
    public static double Value(SequencingProblem problem, EnumeratedProfiles profiles, double[][] noPurchase, IReadOnlyList<int> sequence)
    {
        var phi = profiles.Prior.ToArray();
        double reach = 1, discount = 1, value = 0;
        foreach (int u in sequence)
        {
            double stay = 0;
            for (int x = 0; x < phi.Length; x++) stay += phi[x] * noPurchase[u][x];
            value += discount * reach * problem.Products[u].Reward * (1 - stay);
            reach *= stay;
            for (int x = 0; x < phi.Length; x++) phi[x] = phi[x] * noPurchase[u][x] / stay;
            discount *= problem.Discount;
        }
        return value;
    }

    /// <summary>q_u(x) = Π_l f_l(x)^{ζ_{u,l}}.</summary>
    public static double[][] NoPurchaseTable(SequencingProblem problem, EnumeratedProfiles profiles) =>
        problem.Products.Select(p => Enumerable.Range(0, profiles.Count).Select(x =>
        {
            double q = 1;
            for (int l = 0; l < problem.K; l++) q *= Math.Pow(profiles.Basis(x, l), p.Zeta[l]);
            return q;
        }).ToArray()).ToArray();
}
