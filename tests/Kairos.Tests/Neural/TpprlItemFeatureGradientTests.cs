using Kairos.Neural;

namespace Kairos.Tests.Neural;

/// <summary>The mark head with per-mark features, P(y) = softmax(V_y h + Φu)_y: the gradient of α·log p + β·L in every
/// parameter (u included) against central differences, by the suite's one rule.</summary>
public class TpprlItemFeatureGradientTests
{
    private static readonly RegularizerWeights Q = new(0.7, 0, 0.2);   // q_m must be 0 with per-mark features

    private static double F(double[] theta, TpprlTape tape, double alpha, double beta)
    {
        tape.Recompute(theta);
        var t = TpprlObjective.Evaluate(theta, tape);
        return alpha * t.LogLikelihood + beta * Q.Penalty(t);
    }

    private static void Check(TpprlLayout layout, int seed, int events, double alpha, double beta)
    {
        var rng = new Random(seed);
        var theta = TapeFixtures.RandomTheta(layout, rng);
        var tape = TapeFixtures.RandomTape(layout, rng, events, horizon: 5, pOwn: 0.7);
        Assert.True(tape.OwnCount > 0);
        tape.Recompute(theta);
        var g = new double[theta.Length];
        TpprlObjective.Accumulate(theta, tape, alpha, Q, beta, g);
        double Objective(double[] p) => F(p, tape, alpha, beta);
        GradientCheck.AssertGradient(Objective, theta, g, "backward with per-mark features");
        for (int d = 0; d < 3; d++)
        {
            var u = theta.Select(_ => rng.NextDouble() - 0.5).ToArray();
            GradientCheck.AssertDirectional(Objective, theta, u, g, $"direction {d}", 1e-4);
        }
        Assert.Contains(Enumerable.Range(layout.U, layout.ItemFeatureSize), j => Math.Abs(g[j]) > 1e-3);
    }

    [Theory]
    [InlineData(4, 3, 2, 1.0, 0.0)]
    [InlineData(4, 3, 2, -1.3, -1.0)]
    [InlineData(3, 7, 6, 0.7, -1.0)]    // A = 7: overlapping last SIMD block; G = 6 as FsrsItemFeatures
    [InlineData(8, 11, 1, 0.9, -0.5)]
    public void Accumulate_WithItemFeatures_MatchesCentralDifferences(int hidden, int marks, int g, double alpha, double beta)
    {
        var layout = new TpprlLayout(hidden, marks, feedbackSources: 2, featureSize: 2, itemFeatureSize: g);
        Check(layout, 11 + marks, 12, alpha, beta);
    }

    [Fact]
    public void Features_change_the_likelihood_of_the_marks_only()
    {
        var layout = new TpprlLayout(4, 5, 1, 1, itemFeatureSize: 2);
        var rng = new Random(3);
        var theta = TapeFixtures.RandomTheta(layout, rng);
        var tape = TapeFixtures.RandomTape(layout, rng, 10, horizon: 4, pOwn: 0.8);
        tape.Recompute(theta);
        var before = TpprlObjective.Evaluate(theta, tape);
        theta[layout.U] += 0.5;
        tape.Recompute(theta);
        var after = TpprlObjective.Evaluate(theta, tape);
        Assert.NotEqual(before.LogLikelihood, after.LogLikelihood);
        Assert.Equal(before.IntensityIntegral, after.IntensityIntegral);
    }

    [Fact]
    public void Quadratic_mark_cost_is_refused_with_item_features()
    {
        var layout = new TpprlLayout(3, 4, 1, 1, itemFeatureSize: 2);
        var rng = new Random(2);
        var theta = TapeFixtures.RandomTheta(layout, rng);
        var tape = TapeFixtures.RandomTape(layout, rng, 5, horizon: 3, pOwn: 0.5);
        tape.Recompute(theta);
        Assert.Throws<ArgumentException>(() => TpprlObjective.Accumulate(theta, tape, 1, new RegularizerWeights(0, 0.3, 0), -1, new double[theta.Length]));
    }
}
