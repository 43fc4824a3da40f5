using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

public class BoxLbfgsTests
{
    /// <summary>A separable-plus-coupled quadratic whose box minimiser is known: ½xᵀAx − bᵀx with A = [[2,1,0],[1,3,0],[0,0,1]],
    /// b = (1, 10, −4), box [0, 2]³. Unconstrained x = (−1, 3.667, −4) violates the box; the KKT point is (0, 2, 0):
    /// gradient there = (2·0 + 2 − 1, 0 + 6 − 10, 0 + 4) = (1, −4, 4) pushes outward at each bound.</summary>
    [Fact]
    public void Minimize_finds_the_box_constrained_minimiser_of_a_quadratic()
    {
        double F(double[] x, Span<double> g)
        {
            g[0] = 2 * x[0] + x[1] - 1;
            g[1] = x[0] + 3 * x[1] - 10;
            g[2] = x[2] + 4;
            return x[0] * x[0] + x[0] * x[1] + 1.5 * x[1] * x[1] + 0.5 * x[2] * x[2] - x[0] - 10 * x[1] + 4 * x[2];
        }
        var r = BoxLbfgs.Minimize(F, [1, 1, 1], [0, 0, 0], [2, 2, 2]);
        Assert.True(r.Converged);
        Assert.Equal(0, r.X[0], 1e-8);
        Assert.Equal(2, r.X[1], 1e-8);
        Assert.Equal(0, r.X[2], 1e-8);
    }

    [Fact]
    public void Minimize_matches_a_brute_force_search_on_the_Rosenbrock_function_in_a_box()
    {
        static double Rosen(double x, double y) => Math.Pow(1 - x, 2) + 100 * Math.Pow(y - x * x, 2);
        double F(double[] v, Span<double> g)
        {
            double x = v[0], y = v[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return Rosen(x, y);
        }
        var r = BoxLbfgs.Minimize(F, [-1, 0.1], [-2, 0], [0.5, 0.2], maxIterations: 500, relativeTolerance: 1e-14, gradientTolerance: 1e-10);
        double best = double.PositiveInfinity;
        // For fixed x the function is a parabola in y with vertex x²: the best y in [0, 0.2] is clamp(x², 0, 0.2).
        for (double x = -2; x <= 0.5; x += 1e-6) best = Math.Min(best, Rosen(x, Math.Clamp(x * x, 0, 0.2)));
        Assert.InRange(r.Value, best - 1e-3, best + 1e-9);
    }
}
