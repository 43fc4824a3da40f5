using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Solves a sequencing problem to tolerance ε: horizon n(ε) (digest (4.4)), then either the exact DP over rejection
/// counts or the grid DP. Default spacing (digest (6.10)): the largest lattice-exact h when the ζ's allow it and
/// the grid stays within limits (then the grid DP is exact); otherwise h = min(1, ζ*)/2 halved until J̃_n(0) and
/// the greedy policy's exact value agree within ε or the grid would exceed its point limit.
/// </summary>
public static class PomdpSolver
{
    public static PomdpSolution Solve(SequencingProblem problem, PomdpMethod method, double epsilon, double? spacing = null,
        IProgressSink? progress = null, long maxPoints = GridSolver.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(epsilon, nameof(epsilon));
        int n = problem.Horizon(epsilon);
        var bounds = new ErrorBounds(problem);
        double rigorous = bounds.RigorousSpacing(epsilon);
        if (method == PomdpMethod.Exact)
        {
            var exact = RejectionCountDp.Solve(problem, n);
            double tail = problem.TailBound(n);
            return new PomdpSolution(method, exact.Value, exact.Value, exact.Sequence, n, tail, null, true,
                exact.States, bounds.Lipschitz, rigorous, 0, tail, exact.Value + tail);
        }
        var (table, solves) = SolveGrid(problem, n, epsilon, spacing, progress, maxPoints);
        return FromGrid(table.Solution, bounds, rigorous, solves);
    }

    /// <summary>The grid policy the grid method of <see cref="Solve"/> returns (same horizon n(ε), same spacing rule),
    /// as a lookup table over γ, for running it as a choice policy.</summary>
    public static GridPolicyTable SolveGridPolicy(SequencingProblem problem, double epsilon, double? spacing = null,
        long maxPoints = GridSolver.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(epsilon, nameof(epsilon));
        return SolveGrid(problem, problem.Horizon(epsilon), epsilon, spacing, null, maxPoints).Table;
    }

    private static (GridPolicyTable Table, int Solves) SolveGrid(SequencingProblem problem, int n, double epsilon, double? spacing,
        IProgressSink? progress, long maxPoints)
    {
        if (spacing is { } h)
            return (GridSolver.SolvePolicy(problem, n, h, progress, maxPoints), 1);
        if (GridSolver.LatticeSpacing(problem) is { } lattice && GridSolver.CountPoints(problem, n, lattice) <= maxPoints)
            return (GridSolver.SolvePolicy(problem, n, lattice, progress, maxPoints), 1);
        h = Math.Min(1, problem.ZetaMax.Max()) / 2;
        if (h <= 0) h = 1;
        var table = GridSolver.SolvePolicy(problem, n, h, progress, maxPoints);
        int solves = 1;
        while (Math.Abs(table.Solution.ApproxValue - table.Solution.GreedyValue) > epsilon
               && GridSolver.CountPoints(problem, n, h / 2) <= maxPoints)
        {
            h /= 2;
            table = GridSolver.SolvePolicy(problem, n, h, progress, maxPoints);
            solves++;
        }
        return (table, solves);
    }

    // Bound on J*(0) − J^μ_n(0): Corollary 2, or (when h is not lattice-exact) the interval DP's certified upper
    // bound on J_n(0), whichever is smaller; never above R_max − value since J* ≤ R_max. The interval DP is skipped
    // when it would cost more than about twice the grid solve.
    private static PomdpSolution FromGrid(GridSolution g, ErrorBounds bounds, double rigorous, int solves)
    {
        var problem = bounds.Problem;
        double tail = problem.TailBound(g.Horizon);
        double apriori = bounds.OptimalityGap(g.Horizon, g.Spacing, g.LatticeExact);
        double? upper = g.LatticeExact ? g.GreedyValue + tail
            : UpperBoundDp.Solve(problem, g.Horizon, g.Spacing, Math.Min(UpperBoundDp.DefaultMaxCells, 2 * g.TotalPoints + 1_000_000)) is { } u ? Math.Max(u, g.GreedyValue) + tail : null;
        double bound = Math.Min(apriori, Math.Max(0, problem.RewardMax - g.GreedyValue));
        if (upper is { } up) bound = Math.Min(bound, up - g.GreedyValue);
        return new(PomdpMethod.Grid, g.GreedyValue, g.ApproxValue, g.Sequence, g.Horizon, bound, g.Spacing, g.LatticeExact,
            g.GridPoints, bounds.Lipschitz, rigorous, solves, apriori, upper);
    }
}
