using Kairos.Decisions;
using Kairos.Environments.Toy;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Policies.Broadcasting;
using Kairos.Simulation;

namespace Kairos.Tests.Policies.Broadcasting;

/// <summary>RedQueen's first post under a fixed feedback stream follows the piecewise-exponential law of
/// u = weight·z₀, a fall of the rate included (KS; a law that ignores the fall is rejected); the piecewise-rate
/// schedule posts Σ r_m·L on average.</summary>
public sealed class BroadcastingPoliciesTests
{
    // Feedback at t = 1, 2, 3 sets z₀ = 0.5, 0.1, 1.0: the rate is 0, 0.5, 0.1, 1.0 on the pieces.
    private static readonly (double Time, double Z)[] Stream = [(1, 0.5), (2, 0.1), (3, 1.0)];

    private static double FirstPost(IDeliveryPolicy policy, ulong key)
    {
        var state = policy.CreateState(new PolicyContext(1, 2), new DecisionRandom(key));
        foreach (var (time, z) in Stream)
        {
            if (state.Next.Time < time) return state.Next.Time;
            state.Observe(new Event(time, EventKind.Feedback, 0), [z, 0]);
        }
        return state.Next.Time;
    }

    private static double Cdf(double t, double fallRate)
    {
        double lambda = 0.5 * Math.Clamp(t - 1, 0, 1) + fallRate * Math.Clamp(t - 2, 0, 1) + Math.Max(t - 3, 0);
        return -Fn.Expm1(-lambda);
    }

    [Fact]
    public void RedQueen_FirstPost_FollowsThePiecewiseExponentialLaw()
    {
        var policy = new RedQueenPolicy(1.0);
        var sample = Enumerable.Range(0, 4000).Select(i => FirstPost(policy, (ulong)i * 7919 + 11)).ToArray();
        Assert.True(KolmogorovSmirnov.Test(sample, t => Cdf(t, 0.1)).PValue > 1e-3);
        Assert.True(KolmogorovSmirnov.Test(sample, t => Cdf(t, 0.5)).PValue < 1e-6);   // ignoring the fall is rejected
    }

    [Fact]
    public void RedQueen_PostsNothingWhileOnTopEverywhere()
    {
        var state = new RedQueenPolicy(3).CreateState(new PolicyContext(1, 2), new DecisionRandom(1));
        Assert.True(double.IsPositiveInfinity(state.Next.Time));
        state.Observe(new Event(1, EventKind.Feedback, 0), [0.2, 0]);
        Assert.True(state.Next.Time > 1 && double.IsFinite(state.Next.Time));
        state.Observe(new Event(state.Next.Time, EventKind.Action, 0), [0, 1]);
        Assert.True(double.IsPositiveInfinity(state.Next.Time));
    }

    [Fact]
    public void PiecewiseRate_PostsItsScheduleOnAverage()
    {
        double[] rates = [0.5, 0, 2, 1, 0.2];
        var policy = new PiecewiseRatePolicy(rates, 10);
        var runs = Evaluator.Evaluate(new CountingEnvironment(10), [policy], 4000, seed: 3)[0];
        double expected = rates.Sum() * 2, mean = runs.MeanActions, se = Math.Sqrt(expected / 4000);
        Assert.InRange(mean, expected - 4 * se, expected + 4 * se);
        Assert.False(Math.Abs(mean - rates.Sum() * 2.5) < 4 * se);   // a schedule stretched past T would be rejected
        // No posts in the zero-rate segment [2, 4).
        var recorded = Evaluator.Evaluate(new CountingEnvironment(10), [policy], 200, seed: 4, record: true)[0];
        Assert.DoesNotContain(recorded.Episodes.SelectMany(e => e.Events!), e => e.Time is >= 2 and < 4);
    }
}
