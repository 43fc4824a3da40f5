namespace Kairos.Pomdp;

/// <summary>
/// A certified upper bound on J_n(0) by interval dynamic programming on the grid cells [ih, (i+1)h)^K (in the
/// spirit of Lovejoy 1991, R&amp;VR's [3], but on the K-dimensional γ-grid). By induction U_t(cell) ≥ sup over the
/// cell of J_t: for γ in cell i, H_u(γ) ∈ [H_u(ih) − M_u, H_u(ih) + M_u] ∩ [0, 1] with M_u the box bound of
/// Lemmas 2–3 (<see cref="IProfileDistribution.NoPurchaseBoxBound"/>), and γ + ζ_u lies in the cells
/// i + ⌊ζ_u/h⌋ … i + ⌈ζ_u/h⌉ per axis, where J_{t−1} ≤ V_u = max of U_{t−1}. R_u − H(R_u − βJ) grows with J and is
/// linear in H, so U_t(i) = min(R_max, max_u max_{H ∈ ends} R_u − H(R_u − βV_u)) bounds J_t on the cell.
/// Then J*(0) ≤ U_n(0) + β^n R_max (Lemma 1) — an a-posteriori bound that, unlike Theorem 2, follows the actual
/// value function instead of its worst-case Lipschitz constant. Exact up to floating-point rounding (~1e-15).
/// </summary>
public static class UpperBoundDp
{
    /// <summary>Default limit on cells summed over levels plus H-table entries.</summary>
    public const long DefaultMaxCells = 40_000_000;

    /// <summary>U_n(0) ≥ J_n(0), or null when the cell grid would exceed <paramref name="maxCells"/>.</summary>
    public static double? Solve(SequencingProblem problem, int horizon, double spacing, long maxCells = DefaultMaxCells)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int k = problem.K, count = problem.ProductCount;
        var lo = new int[count][];
        var hi = new int[count][];
        var step = new int[k];
        for (int u = 0; u < count; u++)
        {
            (lo[u], hi[u]) = (new int[k], new int[k]);
            for (int l = 0; l < k; l++)
            {
                double r = problem.Products[u].Zeta[l] / spacing;
                bool onLattice = Math.Abs(r - Math.Round(r)) <= GridSolver.FloorTolerance * Math.Max(1, r);
                if (r > int.MaxValue / 4.0 / Math.Max(1, horizon)) return null;
                lo[u][l] = onLattice ? (int)Math.Round(r) : (int)Math.Floor(r);
                hi[u][l] = onLattice ? lo[u][l] : lo[u][l] + 1;
                step[l] = Math.Max(step[l], hi[u][l]);
            }
        }
        // Level m (m offers made) is the box [0, m·step]^K; cell i's successors i + lo_u … i + hi_u lie in level m+1.
        double Size(int m) => step.Aggregate(1.0, (a, s) => a * ((double)m * s + 1));
        double total = Enumerable.Range(0, horizon).Sum(m => Size(m)) + count * Size(horizon - 1);
        if (total > maxCells) return null;
        int top = horizon - 1;
        var profiles = problem.Profiles;
        var halfWidth = problem.Products.Select(p => profiles.NoPurchaseBoxBound(p.Zeta.ToArray(), spacing)).ToArray();
        var hAt = NoPurchaseTable(problem, step, top, spacing);
        double[] next = [];
        for (int m = top; m >= 0; m--)
        {
            var current = new double[(int)Size(m)];
            var offsets = m == top ? null : Successors(lo, hi, step, m + 1);
            int last = m * step[k - 1] + 1, rows = current.Length / last;
            long nextStride = m == top ? 0 : Stride(step, m + 1, k - 1), topStride = Stride(step, top, k - 1);
            var previous = next;
            var rewards = problem.Products.Select(p => p.Reward).ToArray();
            double beta = problem.Discount, cap = problem.RewardMax;
            Parallel.For(0, rows, row =>   // rows along the last axis; every cell is independent (deterministic)
            {
                Span<int> index = stackalloc int[k];
                Decode((long)row * last, step, m, index);
                long inTop = Encode(index, step, top), inNext = m == top ? 0 : Encode(index, step, m + 1);
                for (int i = 0; i < last; i++)
                {
                    double best = 0;
                    long at = inNext + i * nextStride;
                    for (int u = 0; u < count; u++)
                    {
                        double v = 0;
                        if (offsets is not null)
                        {
                            var cells = offsets[u];
                            for (int c = 0; c < cells.Length; c++) v = Math.Max(v, previous[at + cells[c]]);
                        }
                        double h = hAt[u][inTop + i * topStride], reward = rewards[u];
                        double slope = reward - beta * v;
                        double hLow = Math.Max(0, h - halfWidth[u]), hHigh = Math.Min(1, h + halfWidth[u]);
                        best = Math.Max(best, Math.Max(reward - hLow * slope, reward - hHigh * slope));
                    }
                    current[(long)row * last + i] = Math.Min(cap, best);
                }
            });
            next = current;
        }
        return next[0];
    }

    // H_u(ih) on the top box (every level's box is a sub-box of it); separable ln Z (digest (7.3)) needs only
    // one-dimensional tables ln H_u = Σ_l [a_l(i_l h + ζ_{u,l}) − a_l(i_l h)].
    private static double[][] NoPurchaseTable(SequencingProblem problem, int[] step, int top, double spacing)
    {
        int k = problem.K, count = problem.ProductCount;
        var profiles = problem.Profiles;
        long size = step.Aggregate(1L, (a, s) => a * ((long)top * s + 1));
        var axis = profiles.IsSeparable
            ? problem.Products.Select(p => Enumerable.Range(0, k).Select(l => Enumerable.Range(0, top * step[l] + 1)
                .Select(i => profiles.AxisLogPartition(l, i * spacing + p.Zeta[l]) - profiles.AxisLogPartition(l, i * spacing))
                .ToArray()).ToArray()).ToArray()
            : null;
        var table = Enumerable.Range(0, count).Select(_ => new double[size]).ToArray();
        Parallel.For(0, size, flat =>
        {
            Span<int> index = stackalloc int[k];
            Span<double> gamma = stackalloc double[k];
            Decode(flat, step, top, index);
            for (int l = 0; l < k; l++) gamma[l] = index[l] * spacing;
            for (int u = 0; u < count; u++)
            {
                if (axis is null) { table[u][flat] = problem.NoPurchase(u, gamma); continue; }
                double s = 0;
                for (int l = 0; l < k; l++) s += axis[u][l][index[l]];
                table[u][flat] = Math.Exp(Math.Min(0, s));
            }
        });
        return table;
    }

    // Flat offsets (in level m's strides) of every successor cell combination i + c, c_l ∈ {lo_l, …, hi_l}.
    private static long[][] Successors(int[][] lo, int[][] hi, int[] step, int m) => lo.Select((low, u) =>
    {
        var list = new List<long> { 0 };
        for (int l = 0; l < step.Length; l++)
        {
            long stride = Stride(step, m, l);
            list = list.SelectMany(o => Enumerable.Range(low[l], hi[u][l] - low[l] + 1).Select(c => o + c * stride)).ToList();
        }
        return list.ToArray();
    }).ToArray();

    private static long Stride(int[] step, int m, int l)
    {
        long s = 1;
        for (int j = l + 1; j < step.Length; j++) s *= (long)m * step[j] + 1;
        return s;
    }

    private static void Decode(long flat, int[] step, int m, Span<int> index)
    {
        for (int l = step.Length - 1; l >= 0; l--)
        {
            long extent = (long)m * step[l] + 1;
            index[l] = (int)(flat % extent);
            flat /= extent;
        }
    }

    private static long Encode(ReadOnlySpan<int> index, int[] step, int m)
    {
        long flat = 0;
        for (int l = 0; l < step.Length; l++) flat = flat * ((long)m * step[l] + 1) + index[l];
        return flat;
    }
}
