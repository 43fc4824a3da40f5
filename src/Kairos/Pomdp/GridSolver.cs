using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// The grid DP of R&amp;VR §5.3–5.4 on the lattice hℕ^K: J̃_{t+1}(γ) = max_u R_u(1 − H_u(γ^h)) + β H_u(γ^h)
/// J̃_t(γ^h + ζ_u) with γ^h = h⌊γ/h⌋ (digest (6.2)). J̃ is piecewise constant, so the DP runs on integer indices
/// with shifts s_u = ⌊ζ_u/h⌋ (digest (6.4)) over the minimal domain: level m (m offers made) is the box
/// [0, N_m]^K with N_{m+1} ≥ N_m + max_u s_u and N_m ≥ ⌊mζ*/h⌋, so the exact-γ path always stays inside.
/// The greedy sequence is then followed with exact γ and valued exactly (digest (6.5)).
/// Deterministic at any thread count: every grid point is computed independently.
/// </summary>
public static class GridSolver
{
    /// <summary>Upper limit on the grid points summed over levels (the action table is 2 bytes per point).</summary>
    public const long DefaultMaxPoints = 80_000_000;
    internal const double FloorTolerance = 1e-9;   // ⌊0.5/0.1⌋ must be 5, not 4 (digest (6.4))

    /// <summary>Σ_m |box_m| for horizon n and spacing h (to check a spacing before solving).</summary>
    public static double CountPoints(SequencingProblem problem, int horizon, double spacing) =>
        new Layout(problem, horizon, spacing).TotalPoints;

    /// <summary>True when every ζ_{u,l}/h is an integer (within 1e-9): then the grid DP is exact.</summary>
    public static bool IsLatticeExact(SequencingProblem problem, double spacing) =>
        problem.Products.All(p => p.Zeta.All(z =>
        {
            double r = z / spacing;
            return Math.Abs(r - Math.Round(r)) <= FloorTolerance * Math.Max(1, r);
        }));

    /// <summary>The largest h ≤ 1 that divides every ζ_{u,l} (candidates 1/k and ζ_min/k, k ≤ 64), or null.</summary>
    public static double? LatticeSpacing(SequencingProblem problem)
    {
        var nonzero = problem.Products.SelectMany(p => p.Zeta).Where(z => z > 0).ToArray();
        if (nonzero.Length == 0) return 1;
        double zMin = Math.Min(1, nonzero.Min());
        return Enumerable.Range(1, 64).SelectMany(k => new[] { 1.0 / k, zMin / k })
            .OrderByDescending(h => h).Cast<double?>()
            .FirstOrDefault(h => IsLatticeExact(problem, h!.Value));
    }

    public static GridSolution Solve(SequencingProblem problem, int horizon, double spacing,
        IProgressSink? progress = null, long maxPoints = DefaultMaxPoints) =>
        SolvePolicy(problem, horizon, spacing, progress, maxPoints).Solution;

    /// <summary><see cref="Solve"/>, keeping the policy's action tables (2 bytes per grid point) for lookups at any γ.</summary>
    public static GridPolicyTable SolvePolicy(SequencingProblem problem, int horizon, double spacing,
        IProgressSink? progress = null, long maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(horizon, nameof(horizon));
        Require.InRange(spacing, 1e-12, 1, nameof(spacing));
        var layout = new Layout(problem, horizon, spacing);
        if (layout.TotalPoints > maxPoints)
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing,
                $"grid spacing {Require.Fmt(spacing)} needs {layout.TotalPoints:G3} grid points over {CountText.Of(horizon, "period")} (limit {maxPoints:G3}); use a larger grid spacing or epsilon.");
        bool lattice = IsLatticeExact(problem, spacing);
        var kernel = GridKernel.Create(problem, layout, lattice);
        var actions = new ushort[horizon][];
        var next = new double[layout.Size(horizon)];   // J̃_0 = 0 on level n
        for (int m = horizon - 1; m >= 0; m--)
        {
            var current = new double[layout.Size(m)];
            actions[m] = new ushort[current.Length];
            kernel.Level(m, next, current, actions[m]);
            next = current;
            progress?.Report(horizon - m);
        }
        return new GridPolicyTable(problem, layout, actions, next[0], lattice);
    }

    /// <summary>Box extents per level and the integer shifts s_{u,l} = ⌊ζ_{u,l}/h⌋.</summary>
    internal sealed class Layout
    {
        private readonly int[][] _extent;   // _extent[m][l] = N_{m,l} + 1, m = 0..n
        public Layout(SequencingProblem problem, int horizon, double spacing)
        {
            Spacing = spacing;
            Horizon = horizon;
            K = problem.K;
            Shifts = problem.Products.Select(p => p.Zeta.Select(z => (int)Math.Floor(z / spacing + FloorTolerance)).ToArray()).ToArray();
            _extent = new int[horizon + 1][];
            for (int m = 0; m <= horizon; m++)
            {
                _extent[m] = new int[K];
                for (int l = 0; l < K; l++)
                {
                    int maxShift = Shifts.Max(s => s[l]);
                    double byGamma = Math.Floor(m * problem.ZetaMax[l] / spacing + FloorTolerance);
                    if (byGamma > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, $"grid spacing {Require.Fmt(spacing)} is too fine.");
                    int n = Math.Max((int)byGamma, m == 0 ? 0 : _extent[m - 1][l] - 1 + maxShift);
                    _extent[m][l] = n + 1;
                }
            }
            for (int m = 0; m < horizon; m++) TotalPoints += _extent[m].Aggregate(1.0, (a, e) => a * e);
        }
        public double Spacing { get; }
        public int Horizon { get; }
        public int K { get; }
        public int[][] Shifts { get; }
        public double TotalPoints { get; }
        public int Extent(int m, int l) => _extent[m][l];
        public long Stride(int m, int l)
        {
            long s = 1;
            for (int j = l + 1; j < K; j++) s *= _extent[m][j];
            return s;
        }
        public int Size(int m) => checked((int)_extent[m].Aggregate(1L, (a, e) => a * e));
    }
}
