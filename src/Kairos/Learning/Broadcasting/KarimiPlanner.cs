using Kairos.Environments.Broadcasting;
using Kairos.Numerics;
using Kairos.Policies.Broadcasting;

namespace Kairos.Learning.Broadcasting;

/// <summary>
/// Karimi et al. (KDD'16) as the TPPRL authors ran it (digest §4.4): the window is cut into 10 equal segments; each
/// follower's wall rate per segment is the piecewise-constant Poisson MLE (<see cref="PiecewiseConstantFitter"/>) of
/// the wall's posts in the window itself (the authors' setting: the planner sees the test window's counts); our
/// posts per segment c maximise <see cref="ExpectedTimeAtTop"/> subject to Σc = budget, 0 ≤ c_m ≤ cap, by projected
/// gradient ascent (direction proj(c + s·∇) − c, Armijo backtracking γ = 0.8, σ = 0.5) with the exact projection
/// <see cref="CappedSimplex"/>, from c = budget/10.
/// </summary>
public static class KarimiPlanner
{
    public const int Segments = 10;

    public sealed record Plan(double[] Budgets, double[][] WallRates, double Value, int Iterations, PiecewiseRatePolicy Policy);

    /// <param name="cap">Most posts per segment (default: the whole budget, i.e. the plain simplex).</param>
    public static Plan Solve(BroadcastWorld world, double windowStart, double horizon, double budget, double? cap = null, int maxIterations = 2000)
    {
        Require.Positive(budget, nameof(budget));
        double length = horizon / Segments;
        var breaks = Enumerable.Range(0, Segments).Select(m => m * length).ToArray();
        var walls = new double[world.FollowerCount][];
        for (int j = 0; j < walls.Length; j++)
        {
            var sources = world.FollowerSources[j];
            var times = new List<double>();
            for (int i = 0; i < world.PostTimes.Length; i++)
            {
                double t = world.PostTimes[i] - windowStart;
                if (t > 0 && t <= horizon && sources.Contains(world.PostSources[i])) times.Add(t);
            }
            walls[j] = PiecewiseConstantFitter.FitProcess(breaks, [times.ToArray()], [horizon]).Rates.ToArray();
        }
        var (c, value, iterations) = Maximise(walls, length, budget, cap ?? budget, maxIterations);
        return new Plan(c, walls, value, iterations, new PiecewiseRatePolicy(c.Select(x => x / length).ToArray(), horizon));
    }

    /// <summary>Projected gradient ascent with Armijo backtracking; stops when the projected step moves less than
    /// 1e-10·budget or after <paramref name="maxIterations"/>.</summary>
    public static (double[] Budgets, double Value, int Iterations) Maximise(IReadOnlyList<double[]> walls, double segmentLength,
        double budget, double cap, int maxIterations)
    {
        var c = Enumerable.Repeat(budget / Segments, Segments).ToArray();
        var grad = new double[Segments];
        var trialGrad = new double[Segments];
        double value = ExpectedTimeAtTop.Value(c, walls, segmentLength, grad);
        double step = 1;
        int it = 0;
        for (; it < maxIterations; it++)
        {
            var target = CappedSimplex.Project(c.Select((x, m) => x + step * grad[m]).ToArray(), budget, cap);
            var d = target.Select((x, m) => x - c[m]).ToArray();
            double slope = d.Select((x, m) => x * grad[m]).Sum();
            if (d.Sum(Math.Abs) < 1e-10 * budget || slope <= 0) break;
            double t = 1;
            double[] next;
            double nextValue;
            while (true)
            {
                next = c.Select((x, m) => x + t * d[m]).ToArray();
                nextValue = ExpectedTimeAtTop.Value(next, walls, segmentLength, trialGrad);
                if (nextValue >= value + 0.5 * t * slope || t < 1e-12) break;
                t *= 0.8;
            }
            if (!(nextValue > value)) break;
            (c, value) = (next, nextValue);
            trialGrad.CopyTo(grad, 0);
            step = t == 1 ? step * 2 : step;   // grow the step while full steps are accepted
        }
        return (c, value, it);
    }
}
