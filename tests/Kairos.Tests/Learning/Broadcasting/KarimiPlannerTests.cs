using Kairos.Learning.Broadcasting;
using Kairos.Tests.Environments.Broadcasting;

namespace Kairos.Tests.Learning.Broadcasting;

/// <summary>Karimi's expected time at the top against an RK4 integration of the two-state chain, its gradient against
/// central differences, and the planner's optimum against random feasible budgets.</summary>
public sealed class KarimiPlannerTests
{
    private static readonly double[][] Walls = [[0.5, 2, 0.1, 1, 3, 0.2, 0.7, 0.05, 1.5, 0.4], [1, 1, 1, 0, 2, 2, 0.3, 0.3, 4, 0.1]];

    /// <summary>dP/dt = μ(1 − P) − βP, P(0) = 1, integrated with RK4; returns ∫P dt over all segments.</summary>
    private static double Rk4(double[] budgets, double[] wall, double length, double start = 1)
    {
        double p = start, integral = 0;
        const int steps = 2000;
        for (int m = 0; m < budgets.Length; m++)
        {
            double mu = budgets[m] / length, beta = Math.Max(wall[m], ExpectedTimeAtTop.MinWallRate), h = length / steps;
            double F(double x) => mu * (1 - x) - beta * x;
            for (int s = 0; s < steps; s++)
            {
                double k1 = F(p), k2 = F(p + h / 2 * k1), k3 = F(p + h / 2 * k2), k4 = F(p + h * k3);
                double next = p + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
                integral += h / 2 * (p + next);   // trapezoid on the RK4 path: O(h²)
                p = next;
            }
        }
        return integral;
    }

    [Fact]
    public void Value_MatchesTheIntegratedMarkovChain_AndAWrongStartIsRejected()
    {
        double[] c = [0.3, 0.1, 0.9, 0.0, 0.5, 0.2, 0.4, 0.6, 0.1, 0.9];
        var grad = new double[10];
        double value = ExpectedTimeAtTop.Value(c, Walls, 1.3, grad);
        double reference = Walls.Sum(w => Rk4(c, w, 1.3));
        Assert.Equal(reference, value, 1e-6 * reference);
        // Starting off the top (h₀ = 0) changes the value by far more than the tolerance.
        double offTop = Walls.Sum(w => Rk4(c, w, 1.3, start: 0));
        Assert.True(Math.Abs(value - offTop) > 1e-2);
    }

    [Fact]
    public void Gradient_MatchesCentralDifferences()
    {
        double[] c = [0.3, 0.1, 0.9, 0.02, 0.5, 0.2, 0.4, 0.6, 0.1, 0.9];
        var grad = new double[10];
        ExpectedTimeAtTop.Value(c, Walls, 0.7, grad);
        var scratch = new double[10];
        for (int m = 0; m < 10; m++)
        {
            double eps = 1e-6;
            var up = (double[])c.Clone(); up[m] += eps;
            var down = (double[])c.Clone(); down[m] -= eps;
            double fd = (ExpectedTimeAtTop.Value(up, Walls, 0.7, scratch) - ExpectedTimeAtTop.Value(down, Walls, 0.7, scratch)) / (2 * eps);
            Assert.True(Math.Abs(fd - grad[m]) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"segment {m}: analytic {grad[m]}, numeric {fd}");
        }
    }

    [Fact]
    public void Plan_IsNoWorseThanRandomFeasibleBudgets_AndSpendsTheBudget()
    {
        var (c, value, _) = KarimiPlanner.Maximise(Walls, 1.0, 4, 4, 5000);
        Assert.Equal(4, c.Sum(), 1e-9);
        var rng = new Random(3);
        var scratch = new double[10];
        for (int k = 0; k < 2000; k++)
        {
            var x = Enumerable.Range(0, 10).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
            double s = x.Sum();
            Assert.True(ExpectedTimeAtTop.Value(x.Select(v => 4 * v / s).ToArray(), Walls, 1.0, scratch) <= value + 1e-9);
        }
    }

    [Fact]
    public void Solve_FitsWallRatesByMle_AndReturnsAScheduleOfTheBudget()
    {
        var world = BroadcastingEpisodeTests.SmallWorld(4);
        var plan = KarimiPlanner.Solve(world, world.TestStart, world.WindowLength, 3);
        double length = world.WindowLength / 10;
        Assert.Equal(3, plan.Policy.Rates.Sum() * length, 1e-9);
        // The MLE of a Poisson rate on a segment is count / length.
        int count0 = Enumerable.Range(0, world.PostTimes.Length).Count(i => world.PostTimes[i] > world.TestStart
            && world.PostTimes[i] - world.TestStart <= length && world.FollowerSources[0].Contains(world.PostSources[i]));
        Assert.Equal(count0 / length, plan.WallRates[0][0], 1e-9);
    }
}
