using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Exact n-horizon DP over rejection counts (R&amp;VR §3; digest (2.2)): the belief after rejections is fixed by the
/// count vector (n_1..n_|U|), so J_t is memoised on counts, with γ = Σ_u n_u ζ_u recomputed from the counts
/// (exact γ, no grid). Level m holds C(m+|U|−1, |U|−1) states, C(n+|U|−1, |U|) in all: the state count explodes
/// with |U|, which is the paper's point; this solver is the ground truth for small problems.
/// </summary>
public static class RejectionCountDp
{
    /// <summary>Σ_{m&lt;n} C(m+|U|−1, |U|−1) = C(n−1+|U|, |U|), as a double (it overflows long for |U| = 50).</summary>
    public static double StateCount(int products, int horizon)
    {
        double c = 1;   // C(n−1+U, U) = Π_{i=1..U} (n−1+i)/i
        for (int i = 1; i <= products; i++) c *= (double)(horizon - 1 + i) / i;
        return horizon <= 0 ? 0 : c;
    }

    /// <summary>J_n(0) and an optimal sequence; throws <see cref="ArgumentOutOfRangeException"/> when more than
    /// <paramref name="maxStates"/> states would be needed.</summary>
    public static ExactSolution Solve(SequencingProblem problem, int horizon, long maxStates = 3_000_000)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(horizon, nameof(horizon));
        double states = StateCount(problem.ProductCount, horizon);
        if (states > maxStates)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon,
                $"the exact DP needs {states:G3} belief states for {CountText.Of(problem.ProductCount, "product")} over {CountText.Of(horizon, "period")} (limit {maxStates}); use the grid method or a larger epsilon.");
        var solver = new Solver(problem, horizon);
        var root = new int[problem.ProductCount];
        double value = solver.Value(root, 0);
        var sequence = new List<int>(horizon);
        for (int m = 0; m < horizon; m++)
        {
            int u = solver.Node(root).Action;
            sequence.Add(u);
            root = (int[])root.Clone();
            root[u]++;
        }
        return new ExactSolution(value, sequence, horizon, solver.Count);
    }

    private sealed class Node(double logZ)
    {
        public double LogZ = logZ, Value = double.NaN;
        public int Action = -1;
    }

    private sealed class Solver(SequencingProblem problem, int horizon)
    {
        private readonly Dictionary<int[], Node> _memo = new(new CountsComparer());
        public long Count => _memo.Count;

        public Node Node(int[] counts)
        {
            if (!_memo.TryGetValue(counts, out var node))
                _memo[counts] = node = new Node(problem.LogPartition(problem.GammaOfCounts(counts)));
            return node;
        }

        // J_t(counts) with t = horizon − m periods to go: max_u R_u(1−H_u) + β H_u J_{t−1}(counts + e_u) (eq. 1).
        public double Value(int[] counts, int m)
        {
            if (m == horizon) return 0;
            var node = Node(counts);
            if (!double.IsNaN(node.Value)) return node.Value;
            double best = double.NegativeInfinity;
            for (int u = 0; u < problem.ProductCount; u++)
            {
                var child = (int[])counts.Clone();
                child[u]++;
                double continuation = m + 1 == horizon ? 0 : Value(child, m + 1);
                double dz = Math.Min(0, Node(child).LogZ - node.LogZ);   // ln H_u ≤ 0
                double q = problem.Products[u].Reward * -Fn.Expm1(dz) + problem.Discount * Math.Exp(dz) * continuation;
                if (q > best) { best = q; node.Action = u; }
            }
            node.Value = best;
            return best;
        }
    }

    private sealed class CountsComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? a, int[]? b) => a.AsSpan().SequenceEqual(b);
        public int GetHashCode(int[] a)
        {
            var h = new HashCode();
            foreach (int v in a) h.Add(v);
            return h.ToHashCode();
        }
    }
}
