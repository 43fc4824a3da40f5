using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

public sealed class SolverPropertyTests
{
    public static TheoryData<int, int, int, int, int> Small => new()
    {
        { 1, 3, 1, 2, 6 }, { 2, 4, 2, 3, 5 }, { 3, 5, 3, 3, 4 }, { 4, 6, 2, 2, 7 }, { 5, 4, 3, 4, 4 }, { 6, 8, 4, 3, 4 },
    };

    [Theory]
    [MemberData(nameof(Small))]
    public void RejectionCountDp_RandomProblem_EqualsBruteForce(int seed, int profiles, int k, int products, int horizon)
    {
        var problem = RandomProblems.Create(seed, profiles, k, products);
        for (int n = 1; n <= horizon; n++)
        {
            var dp = RejectionCountDp.Solve(problem, n);
            var brute = BruteForceSolver.Solve(problem, n);
            Assert.Equal(brute.Value, dp.Value, 1e-9);
            // The DP's sequence must be worth its value (ties may pick another optimal sequence).
            Assert.Equal(dp.Value, SequenceValue.Of(problem, dp.Sequence), 1e-12);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void GridSolver_LatticeSpacing_EqualsExactDp(int seed)
    {
        var problem = RandomProblems.Create(seed, 5, 2, 3, lattice: true);
        double h = GridSolver.LatticeSpacing(problem)!.Value;
        var grid = GridSolver.Solve(problem, 12, h);
        var exact = RejectionCountDp.Solve(problem, 12);
        Assert.True(grid.LatticeExact);
        Assert.Equal(exact.Value, grid.ApproxValue, 1e-12);
        Assert.Equal(exact.Value, grid.GreedyValue, 1e-12);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void GridSolver_SpacingShrinks_ErrorWithinTheorem1AndVanishes(int seed)
    {
        var problem = RandomProblems.Create(seed, 5, 2, 3);
        const int n = 10;
        double exact = RejectionCountDp.Solve(problem, n).Value;
        var bounds = new ErrorBounds(problem);
        var errors = new[] { 0.4, 0.2, 0.1, 0.05, 0.0125 }.Select(h =>
        {
            var grid = GridSolver.Solve(problem, n, h);
            double err = Math.Abs(grid.ApproxValue - exact);
            Assert.True(err <= bounds.ApproximationError(h), $"h={h}: |J − J̃| = {err} > Theorem 1 bound {bounds.ApproximationError(h)}");
            Assert.True(exact - grid.GreedyValue >= -1e-12, "the greedy value cannot exceed the optimum");
            Assert.True(exact - grid.GreedyValue <= bounds.GreedyLoss(h) + 1e-12, "Theorem 2");
            return err;
        }).ToArray();
        Assert.True(errors[0] > 1e-6, "the coarse grid should be visibly inexact for non-lattice ζ");
        Assert.True(errors[^1] < 0.25 * errors.Take(2).Max(), $"errors {string.Join(", ", errors)} do not shrink with h");
    }

    [Fact]
    public void GridSolver_RigorousSpacing_GreedyWithinTwoEpsilon()
    {
        // β = 0.5 keeps Corollary 2's h (ε(1−β)³/(2 M R_max)) coarse enough to run.
        var problem = RandomProblems.Create(31, 5, 2, 3, discount: 0.5);
        const double epsilon = 0.05;
        var bounds = new ErrorBounds(problem);
        double h = Math.Min(1, bounds.RigorousSpacing(epsilon));
        var grid = GridSolver.Solve(problem, problem.Horizon(epsilon), h);
        double jStar = RejectionCountDp.Solve(problem, problem.Horizon(1e-10)).Value;
        Assert.InRange(jStar - grid.GreedyValue, -1e-12, 2 * epsilon);
        Assert.True(bounds.OptimalityGap(grid.Horizon, h, grid.LatticeExact) <= 2 * epsilon + 1e-12);
    }

    [Fact]
    public void PomdpSolver_AutomaticSpacing_AgreesWithinEpsilon()
    {
        var problem = RandomProblems.Create(41, 5, 2, 3);
        var solution = PomdpSolver.Solve(problem, PomdpMethod.Grid, 0.01);
        Assert.False(solution.LatticeExact);
        Assert.True(Math.Abs(solution.ApproxValue - solution.Value) <= 0.01);
        double jStar = RejectionCountDp.Solve(problem, problem.Horizon(1e-8)).Value;
        Assert.InRange(jStar - solution.Value, -1e-12, solution.Bound);
    }

    [Fact]
    public void Baselines_ExampleA_AreBelowOptimalAndMyopicStartsWithC()
    {
        var problem = DigestExamples.A();
        int n = problem.Horizon(0.01);
        double optimal = RejectionCountDp.Solve(problem, n).Value;
        var myopic = Baselines.Myopic(problem, n);
        Assert.Equal(2, myopic[0]);   // R_u(1 − H_u(0)) = [0.27, 0.306, 0.3076]: C
        Assert.True(SequenceValue.Of(problem, myopic) <= optimal + 1e-12);
        var fixedBest = Baselines.FixedBest(problem, n);
        Assert.All(fixedBest, u => Assert.Equal(2, u));   // C forever is the best constant sequence (digest §9)
        Assert.True(SequenceValue.Of(problem, fixedBest) < optimal);
    }

    [Fact]
    public void NoPurchase_LemmaThreeGradient_MatchesCentralDifferences()
    {
        // Lemma 3: ∂H_u/∂γ_l = Cov_γ(q_u, ln f_l); digest §9 prints ∇H at 0 for example A.
        var problem = DigestExamples.A();
        double[,] expected = { { 0.044179, -0.031793 }, { -0.034584, 0.026887 }, { 0.006670, -0.003570 } };
        for (int u = 0; u < 3; u++)
            for (int l = 0; l < 2; l++)
            {
                // H extends smoothly to γ < 0 (Z is a finite sum of exponentials).
                var (derivative, _) = GradientCheck.Derivative(
                    g => problem.NoPurchase(u, l == 0 ? [g, 0] : [0, g]), 0, GradientCheck.Step(0));
                Assert.Equal(expected[u, l], derivative, 5e-7);   // the digest prints 6 decimals
            }
    }
}
