using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

public sealed class SimulatorTests
{
    [Fact]
    public void Simulate_FixedSequence_CoversExactValueAndRejectsAnotherPolicysValue()
    {
        var problem = DigestExamples.A();
        int n = problem.Horizon(0.01);
        var optimal = RejectionCountDp.Solve(problem, n).Sequence;
        var result = PolicySimulator.Simulate(problem, "optimal", optimal, n, 200_000, seed: 5);
        double exact = SequenceValue.Of(problem, optimal);
        // 99.9% interval (z = 3.29) at a fixed seed; the power check: the value of "A forever" lies far outside it.
        Assert.InRange(exact, result.Mean - 3.29 * result.StandardError, result.Mean + 3.29 * result.StandardError);
        double wrong = SequenceValue.Of(problem, Enumerable.Repeat(0, n).ToArray());
        Assert.True(Math.Abs(wrong - result.Mean) > 3.29 * result.StandardError);
    }

    [Fact]
    public void Simulate_NoisyOrIndependent_CoversExactValue()
    {
        var problem = NoisyOr.Independent([0.5, 0.4, 0.3], [0.4, 0.6, 0.25],
            [new Product("p", 1.0, [1.0, 0.5, 1.5]), new Product("l", 1.5, [0.5, 1.0, 0.5])], 0.9);
        var sequence = Baselines.Myopic(problem, 30);
        var result = PolicySimulator.Simulate(problem, "myopic", sequence, 30, 100_000, seed: 9);
        double exact = SequenceValue.Of(problem, sequence);
        Assert.InRange(exact, result.Mean - 3.29 * result.StandardError, result.Mean + 3.29 * result.StandardError);
    }

    [Fact]
    public void Simulate_SameSeed_IsIdenticalAndOtherSeedDiffers()
    {
        var problem = DigestExamples.B();
        var a = PolicySimulator.Simulate(problem, "random", null, 20, 5000, seed: 3);
        var b = PolicySimulator.Simulate(problem, "random", null, 20, 5000, seed: 3);
        var c = PolicySimulator.Simulate(problem, "random", null, 20, 5000, seed: 4);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Mean, c.Mean);
    }
}
