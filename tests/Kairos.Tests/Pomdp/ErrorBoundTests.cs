using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

/// <summary>Every bound of <see cref="ErrorBounds"/> and <see cref="UpperBoundDp"/> must cover the measured gap
/// (exact DP over rejection counts as ground truth) on many random problems, enumerated and noisy-OR.</summary>
public sealed class ErrorBoundTests
{
    private static SequencingProblem RandomNoisyOr(int seed)
    {
        var rng = new Random(seed);
        int n = 2 + rng.Next(4), k = 1 + rng.Next(Math.Min(n, 3));
        var group = Enumerable.Range(0, n).Select(j => j < k ? j : rng.Next(k)).ToArray();
        var d = Enumerable.Range(0, n).Select(_ => 0.05 + 0.8 * rng.NextDouble()).ToArray();
        var pi = Enumerable.Range(0, n).Select(_ => 0.05 + 0.9 * rng.NextDouble()).ToArray();   // some π > ½
        var products = Enumerable.Range(0, 2 + rng.Next(2)).Select(u => new Product($"p{u}", 0.2 + rng.NextDouble(),
            Enumerable.Range(0, k).Select(_ => 1.7 * rng.NextDouble()).ToArray())).ToArray();
        return NoisyOr.Independent(d, pi, products, new[] { 0.5, 0.8, 0.9 }[seed % 3], group);
    }

    private static SequencingProblem Problem(int seed) => seed % 2 == 0
        ? RandomProblems.Create(seed, 3 + seed % 4, 1 + seed % 3, 2 + seed % 2, discount: new[] { 0.5, 0.8, 0.9 }[seed % 3])
        : RandomNoisyOr(seed);

    [Fact]
    public void ShiftBound_RandomShifts_CoversNoPurchaseDifferences()
    {
        var rng = new Random(7);
        for (int seed = 0; seed < 40; seed++)
        {
            var problem = Problem(seed);
            int k = problem.K;
            for (int trial = 0; trial < 50; trial++)
            {
                var gamma = Enumerable.Range(0, k).Select(_ => 6 * rng.NextDouble()).ToArray();
                var shift = Enumerable.Range(0, k).Select(_ => rng.NextDouble() - 0.3).ToArray();   // mixed signs
                var moved = gamma.Zip(shift, (g, s) => Math.Max(0, g + s)).ToArray();
                var actual = moved.Zip(gamma, (a, g) => a - g).ToArray();
                double box = shift.Select(Math.Abs).Max();
                for (int u = 0; u < problem.ProductCount; u++)
                {
                    var zeta = problem.Products[u].Zeta.ToArray();
                    double diff = Math.Abs(problem.NoPurchase(u, moved) - problem.NoPurchase(u, gamma));
                    Assert.True(diff <= problem.Profiles.NoPurchaseShiftBound(zeta, actual) + 1e-14, $"seed {seed}: shift bound");
                    if (actual.All(a => a >= 0))
                        Assert.True(diff <= problem.Profiles.NoPurchaseBoxBound(zeta, box) + 1e-14, $"seed {seed}: box bound");
                }
            }
        }
    }

    [Fact]
    public void Bounds_RandomProblems_CoverMeasuredGapsAndBeatDigestConstants()
    {
        const int n = 6;
        for (int seed = 0; seed < 24; seed++)
        {
            var problem = Problem(seed);
            var bounds = new ErrorBounds(problem);
            double exact = RejectionCountDp.Solve(problem, n).Value;
            Assert.True(bounds.Lipschitz <= bounds.DigestLipschitz + 1e-15);
            foreach (double h in new[] { 0.45, 0.13 })
            {
                var grid = GridSolver.Solve(problem, n, h);
                string at = $"seed {seed}, h {h}";
                Assert.True(Math.Abs(exact - grid.ApproxValue) <= bounds.GridPointError(h, n) + 1e-12, at + ": Theorem 1 at γ = 0");
                Assert.True(Math.Abs(exact - grid.ApproxValue) <= bounds.ApproximationError(h) + 1e-12, at + ": Theorem 1");
                Assert.InRange(exact - grid.GreedyValue, -1e-12, bounds.GreedyLoss(h, n) + 1e-12);
                Assert.True(exact - grid.GreedyValue <= bounds.GreedyLoss(h) + 1e-12, at + ": Theorem 2");
                Assert.True(UpperBoundDp.Solve(problem, n, h)!.Value >= exact - 1e-12, at + ": interval DP upper bound");
                // Digest constants: 2 M_A R_max h/(1−β)³ — the re-derived bound is never looser.
                double digest = 2 * bounds.DigestLipschitz * problem.RewardMax * h / Math.Pow(1 - problem.Discount, 3);
                Assert.True(bounds.GreedyLoss(h) <= digest * (1 + 1e-12), at + ": tighter than the digest's constants");
            }
        }
    }

    [Fact]
    public void UpperBound_LatticeSpacing_IsTheExactValue()
    {
        // When h divides every ζ the cells' H intervals still have width M_u, so U ≥ J; with M_u·h small it is close.
        var problem = DigestExamples.A();
        double exact = RejectionCountDp.Solve(problem, 10).Value;
        double upper = UpperBoundDp.Solve(problem, 10, 0.05)!.Value;
        Assert.InRange(upper - exact, 0, 0.05);
    }

    [Fact]
    public void PomdpSolver_GroupedNoisyOr_CertifiedBoundIsSmallAndValid()
    {
        var problem = Kairos.Cli.Demo.PomdpDemoStep.Problem();
        var solution = PomdpSolver.Solve(problem, PomdpMethod.Grid, 0.01);
        Assert.False(solution.LatticeExact);
        double exactN = RejectionCountDp.Solve(problem, solution.Horizon).Value;
        Assert.InRange(exactN - solution.Value, -1e-12, solution.Bound);
        Assert.True(solution.Bound < 0.05, $"bound {solution.Bound}");        // it was 105 with the digest's constants
        Assert.True(solution.AprioriBound >= solution.Bound);
        Assert.True(solution.UpperBound >= exactN);
    }
}
