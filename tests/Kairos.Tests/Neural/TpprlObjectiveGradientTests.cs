using Kairos.Neural;

namespace Kairos.Tests.Neural;

public class TpprlObjectiveGradientTests
{
    private static readonly RegularizerWeights Q = new(0.7, 0.3, 0.2);

    // f(θ) = α log p + β L, recomputing the states for θ (the tape's inputs are fixed).
    private static double F(double[] theta, TpprlTape tape, double alpha, double beta)
    {
        tape.Recompute(theta);
        var t = TpprlObjective.Evaluate(theta, tape);
        return alpha * t.LogLikelihood + beta * Q.Penalty(t);
    }

    // Every coordinate and random directions, by the suite's one rule (GradientCheck).
    private static void CheckGradient(TpprlTape tape, double[] theta, double alpha, double beta, int directions = 4)
    {
        tape.Recompute(theta);
        var g = new double[theta.Length];
        TpprlObjective.Accumulate(theta, tape, alpha, Q, beta, g);
        var at = (double[])theta.Clone();
        double Objective(double[] p) => F(p, tape, alpha, beta);
        GradientCheck.AssertGradient(Objective, at, g, "backward");
        var rng = new Random(5);
        for (int d = 0; d < directions; d++)
        {
            var u = theta.Select(_ => rng.NextDouble() - 0.5).ToArray();
            GradientCheck.AssertDirectional(Objective, at, u, g, $"direction {d}", 1e-4);
        }
        tape.Recompute(theta);
    }

    private static (TpprlLayout, double[], Random) Setup(int seed, int marks = 3, int hidden = 4)
    {
        var layout = new TpprlLayout(hidden, actionMarks: marks, feedbackSources: 2, featureSize: 2);
        var rng = new Random(seed);
        return (layout, TapeFixtures.RandomTheta(layout, rng), rng);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.3, -1.0)]
    public void Accumulate_MixedEpisode_MatchesCentralDifferences(double alpha, double beta)
    {
        var (layout, theta, rng) = Setup(1);
        var tape = TapeFixtures.RandomTape(layout, rng, 12, horizon: 5, pOwn: 0.6);
        CheckGradient(tape, theta, alpha, beta);
    }

    [Theory]
    [InlineData(3, 6)]    // H not a multiple of 4: scalar cell kernel, odd row left over in the mark backward
    [InlineData(8, 11)]   // A = 11: overlapping last SIMD block along the marks
    public void Accumulate_OtherSizes_MatchesCentralDifferences(int hidden, int marks)
    {
        var (layout, theta, rng) = Setup(9, marks, hidden);
        var tape = TapeFixtures.RandomTape(layout, rng, 10, horizon: 4, pOwn: 0.6);
        CheckGradient(tape, theta, 0.7, -1.0);
    }

    [Fact]
    public void Accumulate_EmptyEpisode_MatchesCentralDifferences()
    {
        var (layout, theta, _) = Setup(2);
        CheckGradient(new TpprlTape(layout, 3.0), theta, 0.8, -1);
    }

    [Fact]
    public void Accumulate_OneOwnEvent_MatchesCentralDifferences()
    {
        var (layout, theta, _) = Setup(3);
        var tape = new TpprlTape(layout, 2.0);
        tape.Append(0.7, layout.ActionInput(2), 2, [0.5, 1.0]);
        CheckGradient(tape, theta, 1.1, -1);
    }

    [Fact]
    public void Accumulate_OnlyFeedback_MatchesCentralDifferences()
    {
        var (layout, theta, rng) = Setup(4);
        var tape = TapeFixtures.RandomTape(layout, rng, 6, horizon: 4, pOwn: 0);
        Assert.Equal(0, tape.OwnCount);
        CheckGradient(tape, theta, 0.9, -1);
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(-3e-7)]
    [InlineData(0.0)]
    [InlineData(0.013)]    // wΔ straddles 5e-3, where ExponentialInTimeKernel.Interval switches from Taylor series to expm1
    [InlineData(-0.013)]
    public void Accumulate_DecayNearZero_MatchesCentralDifferences(double w)
    {
        var (layout, theta, rng) = Setup(5);
        theta[layout.W] = w;
        var tape = TapeFixtures.RandomTape(layout, rng, 8, horizon: 3, pOwn: 0.5);
        CheckGradient(tape, theta, 1.0, -0.5);
    }

    [Fact]
    public void Accumulate_NegativeDecayWithExtinction_MatchesCentralDifferences()
    {
        // w = −4 over gaps of several time units: e^{wΔ} ≈ 0, the total mass e^c/|w| is finite (extinction).
        var (layout, theta, rng) = Setup(6);
        theta[layout.W] = -4;
        var tape = new TpprlTape(layout, 30);
        tape.Append(0.2, layout.ActionInput(0), 0, [1, 0]);
        tape.Append(9.0, layout.FeedbackInput(1), -1, [0, 1]);
        tape.Append(9.1, layout.ActionInput(1), 1, [1, 1]);
        CheckGradient(tape, theta, 1.0, -1.0);
        _ = rng;
    }

    [Fact]
    public void Accumulate_UnmarkedActions_MatchesCentralDifferences()
    {
        var (layout, theta, rng) = Setup(7, marks: 1);
        Assert.False(layout.HasMarkHead);
        CheckGradient(TapeFixtures.RandomTape(layout, rng, 10, horizon: 4, pOwn: 0.7), theta, 1.0, -1.0);
    }

    [Fact]
    public void Accumulate_LongEpisode_MatchesCentralDifferences()
    {
        var (layout, theta, rng) = Setup(8);
        theta[layout.W] = -0.05;
        var tape = TapeFixtures.RandomTape(layout, rng, 1000, horizon: 200, pOwn: 0.5);
        CheckGradient(tape, theta, 1.0, -1.0, directions: 2);
    }
}
