namespace Kairos.Pomdp;

/// <summary>
/// One level of the grid DP: for every grid index i of box m, J̃(i) = max_u R_u − H_u(ih)(R_u − β J̃_next(i + s_u))
/// (the Q-term of digest (6.2) rearranged so that 1 − H is never formed). Rows along the last axis are contiguous
/// in every table, so the inner loops are unit-stride. H_u(ih) comes from one of three sources:
/// <list type="bullet">
/// <item>lattice-exact h: ih + ζ_u is a grid point, so H_u = Z(i + s_u)/Z(i) from one table of Z on box n;</item>
/// <item>separable Z (independent attributes): ln H_u(ih) = Σ_l [a_l(i_l h + ζ_{u,l}) − a_l(i_l h)], 1-D tables;</item>
/// <item>otherwise a table of ln H_u on box n−1 (|U| evaluations of ln Z per point, done once for all levels).</item>
/// </list>
/// </summary>
internal abstract class GridKernel
{
    private const long MaxTable = 40_000_000;
    protected readonly SequencingProblem Problem;
    protected readonly GridSolver.Layout Layout;

    private readonly int[] _candidates;

    protected GridKernel(SequencingProblem problem, GridSolver.Layout layout)
    {
        (Problem, Layout) = (problem, layout);
        _candidates = Candidates(problem);
    }

    /// <summary>Products worth trying: with identical ζ, H_u is identical and Q = R(1−H) + βHJ grows with R, so only
    /// the highest reward (lowest index among equals, the same tie-break as the full max) can win.</summary>
    private static int[] Candidates(SequencingProblem problem) =>
        Enumerable.Range(0, problem.ProductCount).Where(u => !Enumerable.Range(0, problem.ProductCount).Any(v => v != u
            && problem.Products[v].Zeta.SequenceEqual(problem.Products[u].Zeta)
            && (problem.Products[v].Reward > problem.Products[u].Reward || (problem.Products[v].Reward == problem.Products[u].Reward && v < u))))
        .ToArray();

    public static GridKernel Create(SequencingProblem problem, GridSolver.Layout layout, bool lattice)
    {
        int n = layout.Horizon;
        if (lattice) return new LatticeKernel(problem, layout, n);
        if (problem.Profiles.IsSeparable) return new SeparableKernel(problem, layout, n);
        return new TableKernel(problem, layout, n);
    }

    /// <summary>Writes H_u(ih) for the row (prefix = i_0..i_{K−2}, last index 0..h.Length−1) into h.</summary>
    protected abstract void FillNoPurchase(int u, ReadOnlySpan<int> prefix, Span<double> h);

    public void Level(int m, double[] next, double[] current, ushort[] actions)
    {
        int k = Problem.K, last = Layout.Extent(m, k - 1);
        int rows = current.Length / last;
        var jOff = new long[Problem.ProductCount];
        for (int u = 0; u < jOff.Length; u++)
            for (int l = 0; l < k; l++) jOff[u] += Layout.Shifts[u][l] * Layout.Stride(m + 1, l);
        double beta = Problem.Discount;
        Parallel.For(0, rows, () => new RowBuffers(last, k), (r, _, buf) =>
        {
            long jRow = 0;
            int rest = r;
            for (int l = k - 2; l >= 0; l--)
            {
                buf.Prefix[l] = rest % Layout.Extent(m, l);
                rest /= Layout.Extent(m, l);
                jRow += buf.Prefix[l] * Layout.Stride(m + 1, l);
            }
            Array.Fill(buf.Best, double.NegativeInfinity);
            foreach (int u in _candidates)
            {
                ImproveRow(u, buf.Prefix.AsSpan(0, k - 1), next.AsSpan((int)(jRow + jOff[u]), last), buf);
            }
            long cRow = (long)r * last;
            Array.Copy(buf.Best, 0, current, cRow, last);
            for (int i = 0; i < last; i++) actions[cRow + i] = (ushort)buf.Action[i];
            return buf;
        }, _ => { });
    }

    /// <summary>Folds product u into the row's running maximum: fills H, then <see cref="Improve"/>.</summary>
    protected virtual void ImproveRow(int u, ReadOnlySpan<int> prefix, ReadOnlySpan<double> next, RowBuffers buf)
    {
        FillNoPurchase(u, prefix, buf.H);
        Improve(Problem.Products[u].Reward, Problem.Discount, u, buf.H, next, buf.Best, buf.Action);
    }

    // best[i] ← max(best[i], R − h[i](R − β next[i])), remembering u where it improves strictly (lowest u wins
    // ties). Vectorised with System.Numerics.Vector; the scalar tail does the same arithmetic, no FMA either way.
    private static void Improve(double reward, double beta, int u, double[] h, ReadOnlySpan<double> next, double[] best, double[] action)
    {
        int i = 0, w = System.Numerics.Vector<double>.Count;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var rv = new System.Numerics.Vector<double>(reward);
            var bv = new System.Numerics.Vector<double>(beta);
            var uv = new System.Numerics.Vector<double>(u);
            for (; i <= h.Length - w; i += w)
            {
                var q = rv - new System.Numerics.Vector<double>(h, i) * (rv - bv * new System.Numerics.Vector<double>(next[i..]));
                var b = new System.Numerics.Vector<double>(best, i);
                var better = System.Numerics.Vector.GreaterThan(q, b);
                System.Numerics.Vector.ConditionalSelect(better, q, b).CopyTo(best, i);
                System.Numerics.Vector.ConditionalSelect(better, uv, new System.Numerics.Vector<double>(action, i)).CopyTo(action, i);
            }
        }
        for (; i < h.Length; i++)
        {
            double q = reward - h[i] * (reward - beta * next[i]);
            if (q > best[i]) { best[i] = q; action[i] = u; }
        }
    }

    protected sealed class RowBuffers(int last, int k)
    {
        public readonly double[] Best = new double[last], H = new double[last], Action = new double[last];
        public readonly int[] Prefix = new int[Math.Max(1, k - 1)];
    }

    /// <summary>Lattice-exact h: Z on box n, as linear values when ln Z stays above −700 (no underflow), else logs.</summary>
    private sealed class LatticeKernel : GridKernel
    {
        private readonly double[] _z;
        private readonly double[]? _inverse;   // 1/Z, so that H = Z(i + s_u) · (1/Z(i)) needs no division
        private readonly bool _log;
        private readonly long[] _zOff;
        private readonly long[] _stride;

        public LatticeKernel(SequencingProblem problem, GridSolver.Layout layout, int n) : base(problem, layout)
        {
            int k = problem.K;
            long size = layout.Size(n);
            if (size > MaxTable) throw new ArgumentOutOfRangeException(nameof(layout), size, $"the partition table needs {CountText.Of(size, "point")} (limit {MaxTable}); use a larger grid spacing.");
            _stride = Enumerable.Range(0, k).Select(l => layout.Stride(n, l)).ToArray();
            _z = new double[size];
            var axis = problem.Profiles.IsSeparable
                ? Enumerable.Range(0, k).Select(l => Enumerable.Range(0, layout.Extent(n, l))
                    .Select(i => problem.Profiles.AxisLogPartition(l, i * layout.Spacing)).ToArray()).ToArray()
                : null;
            Parallel.For(0, size, flat =>
            {
                Span<double> gamma = stackalloc double[k];
                double s = 0;
                long rest = flat;
                for (int l = k - 1; l >= 0; l--)
                {
                    int i = (int)(rest % layout.Extent(n, l));
                    rest /= layout.Extent(n, l);
                    gamma[l] = i * layout.Spacing;
                    if (axis is not null) s += axis[l][i];
                }
                _z[flat] = axis is not null ? s : problem.LogPartition(gamma);
            });
            _log = _z.Min() < -700;
            if (!_log)
            {
                _inverse = new double[size];
                for (long i = 0; i < size; i++) { _z[i] = Math.Exp(_z[i]); _inverse[i] = 1 / _z[i]; }
            }
            _zOff = layout.Shifts.Select(s => Enumerable.Range(0, k).Sum(l => s[l] * _stride[l])).ToArray();
        }

        // Fused H and Q for the linear case: one pass, H = Z(i + s_u) · (1/Z(i)) clamped to 1.
        protected override void ImproveRow(int u, ReadOnlySpan<int> prefix, ReadOnlySpan<double> next, RowBuffers buf)
        {
            if (_log) { base.ImproveRow(u, prefix, next, buf); return; }
            long row = 0;
            for (int l = 0; l < prefix.Length; l++) row += prefix[l] * _stride[l];
            int length = next.Length;
            var z = _z.AsSpan((int)(row + _zOff[u]), length);
            var inv = _inverse.AsSpan((int)row, length);
            double reward = Problem.Products[u].Reward, beta = Problem.Discount;
            var best = buf.Best.AsSpan(0, length);
            var action = buf.Action.AsSpan(0, length);
            int i = 0, w = System.Numerics.Vector<double>.Count;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                var rv = new System.Numerics.Vector<double>(reward);
                var bv = new System.Numerics.Vector<double>(beta);
                var uv = new System.Numerics.Vector<double>(u);
                var one = System.Numerics.Vector<double>.One;
                for (; i <= length - w; i += w)
                {
                    var h = System.Numerics.Vector.Min(one, new System.Numerics.Vector<double>(z[i..]) * new System.Numerics.Vector<double>(inv[i..]));
                    var q = rv - h * (rv - bv * new System.Numerics.Vector<double>(next[i..]));
                    var b = new System.Numerics.Vector<double>(best[i..]);
                    var better = System.Numerics.Vector.GreaterThan(q, b);
                    System.Numerics.Vector.ConditionalSelect(better, q, b).CopyTo(best[i..]);
                    System.Numerics.Vector.ConditionalSelect(better, uv, new System.Numerics.Vector<double>(action[i..])).CopyTo(action[i..]);
                }
            }
            for (; i < length; i++)
            {
                double q = reward - Math.Min(1, z[i] * inv[i]) * (reward - beta * next[i]);
                if (q > best[i]) { best[i] = q; action[i] = u; }
            }
        }

        protected override void FillNoPurchase(int u, ReadOnlySpan<int> prefix, Span<double> h)
        {
            long row = 0;
            for (int l = 0; l < prefix.Length; l++) row += prefix[l] * _stride[l];
            long to = row + _zOff[u];
            if (_log)
                for (int i = 0; i < h.Length; i++) h[i] = Math.Exp(Math.Min(0, _z[to + i] - _z[row + i]));
            else
            {
                var z = _z.AsSpan((int)to, h.Length);
                var inv = _inverse.AsSpan((int)row, h.Length);
                for (int i = 0; i < h.Length; i++) h[i] = Math.Min(1, z[i] * inv[i]);
            }
        }
    }

    /// <summary>Separable ln Z: ln H_u(ih) = Σ_l d_{u,l}(i_l), one 1-D table per (u, l).</summary>
    private sealed class SeparableKernel : GridKernel
    {
        private readonly double[][][] _d;   // _d[u][l][i]

        public SeparableKernel(SequencingProblem problem, GridSolver.Layout layout, int n) : base(problem, layout)
        {
            int top = n - 1;
            _d = problem.Products.Select(p => Enumerable.Range(0, problem.K).Select(l =>
                Enumerable.Range(0, layout.Extent(top, l)).Select(i =>
                    problem.Profiles.AxisLogPartition(l, i * layout.Spacing + p.Zeta[l])
                    - problem.Profiles.AxisLogPartition(l, i * layout.Spacing)).ToArray()).ToArray()).ToArray();
        }

        protected override void FillNoPurchase(int u, ReadOnlySpan<int> prefix, Span<double> h)
        {
            double s = 0;
            for (int l = 0; l < prefix.Length; l++) s += _d[u][l][prefix[l]];
            var lastAxis = _d[u][prefix.Length];
            for (int i = 0; i < h.Length; i++) h[i] = Math.Exp(Math.Min(0, s + lastAxis[i]));
        }
    }

    /// <summary>General ln Z: a table of ln H_u(ih) on box n−1.</summary>
    private sealed class TableKernel : GridKernel
    {
        private readonly double[][] _logH;   // _logH[u][flat in box n−1]
        private readonly long[] _stride;

        public TableKernel(SequencingProblem problem, GridSolver.Layout layout, int n) : base(problem, layout)
        {
            int k = problem.K, top = n - 1, uCount = problem.ProductCount;
            long size = layout.Size(top);
            if (size * uCount > MaxTable) throw new ArgumentOutOfRangeException(nameof(layout), size, $"the H table needs {CountText.Of(size * uCount, "entry", "entries")} (limit {MaxTable}); use a larger grid spacing.");
            _stride = Enumerable.Range(0, k).Select(l => layout.Stride(top, l)).ToArray();
            _logH = Enumerable.Range(0, uCount).Select(_ => new double[size]).ToArray();
            Parallel.For(0, size, flat =>
            {
                Span<double> gamma = stackalloc double[k], shifted = stackalloc double[k];
                long rest = flat;
                for (int l = k - 1; l >= 0; l--)
                {
                    gamma[l] = (rest % layout.Extent(top, l)) * layout.Spacing;
                    rest /= layout.Extent(top, l);
                }
                double lz = problem.LogPartition(gamma);
                for (int u = 0; u < uCount; u++)
                {
                    for (int l = 0; l < k; l++) shifted[l] = gamma[l] + problem.Products[u].Zeta[l];
                    _logH[u][flat] = Math.Min(0, problem.LogPartition(shifted) - lz);
                }
            });
        }

        protected override void FillNoPurchase(int u, ReadOnlySpan<int> prefix, Span<double> h)
        {
            long row = 0;
            for (int l = 0; l < prefix.Length; l++) row += prefix[l] * _stride[l];
            var table = _logH[u];
            for (int i = 0; i < h.Length; i++) h[i] = Math.Exp(table[row + i]);
        }
    }
}
