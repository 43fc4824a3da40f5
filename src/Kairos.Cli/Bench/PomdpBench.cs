using System.Diagnostics;
using System.Globalization;
using Kairos.Pomdp;

namespace Kairos.Cli.Bench;

/// <summary>
/// `pomdp_grid_seconds`: the point of Rusmevichientong &amp; Van Roy (2001) — once K is fixed, cost stops growing with the
/// profile space. |S| = 2^20 profiles (20 binary noisy-OR attributes, independent marginals) whose responses depend
/// on K = 3 basis groups, 50 products, ε = 0.01, solved by the grid DP (lattice-exact h, factorized Z of digest
/// (7.3)). Baseline in the same run: the exact DP over rejection counts on the same profiles with only 4 products;
/// the note gives the exact DP's state count for all 50 products.
/// </summary>
public sealed class PomdpBench : IBenchSource
{

    public IReadOnlyList<string> FigureNames => ["pomdp_grid_seconds"];

    /// <summary>The benchmark instance (deterministic): ζ on the 0.5-lattice so the grid DP is exact.</summary>
    public static SequencingProblem Instance(int attributes, int products, int k, int seed = 2001)
    {
        var rng = new Random(seed);
        var d = Enumerable.Range(0, attributes).Select(_ => 0.05 + 0.25 * rng.NextDouble()).ToArray();
        var pi = Enumerable.Range(0, attributes).Select(_ => 0.1 + 0.5 * rng.NextDouble()).ToArray();
        var list = Enumerable.Range(0, products).Select(u => new Product($"p{u}", 0.5 + 0.5 * rng.NextDouble(),
            Enumerable.Range(0, k).Select(_ => 0.5 * rng.Next(0, 4)).ToArray())).ToArray();
        return NoisyOr.Independent(d, pi, list, 0.9, Enumerable.Range(0, attributes).Select(j => j % k).ToArray());
    }

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        int products = quick ? 20 : 50, baselineProducts = quick ? 3 : 4;
        double epsilon = quick ? 0.05 : 0.01;
        var problem = Instance(20, products, 3);
        int n = problem.Horizon(epsilon);
        PomdpSolver.Solve(Instance(20, 3, 3), PomdpMethod.Grid, 0.5);   // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        var grid = PomdpSolver.Solve(problem, PomdpMethod.Grid, epsilon);
        double gridSeconds = sw.Elapsed.TotalSeconds;
        var small = Instance(20, baselineProducts, 3);
        sw.Restart();
        var exact = RejectionCountDp.Solve(small, n, maxStates: 5_000_000);
        double exactSeconds = sw.Elapsed.TotalSeconds;
        string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        yield return new BenchFigure("pomdp_grid_seconds", gridSeconds, "s", Target: quick ? null : 5,
            Baseline: Inv($"exact rejection-count DP, same 2^20 profiles, {baselineProducts} products ({exact.States:N0} states)"),
            BaselineValue: exactSeconds, Comparable: false,
            Note: Inv($"|S|=2^20, K=3, {products} products, eps={epsilon}, n={n}, h={grid.Spacing} ({(grid.LatticeExact ? "" : "not ")}lattice-exact), ") +
                  Inv($"{grid.GridPoints:N0} grid points, value {grid.Value:G6}; the exact belief DP would need ") +
                  Inv($"C(n-1+|U|,|U|) = {RejectionCountDp.StateCount(products, n):G3} states for {products} products") +
                  (quick ? " (quick: smaller instance)" : ""));
    }
}
