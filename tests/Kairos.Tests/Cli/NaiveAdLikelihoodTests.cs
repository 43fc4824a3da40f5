using Kairos.Cli.Bench;
using Kairos.Neural.AdDelivery;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Cli;

/// <summary>The bench's naive baseline computes the same numbers as the optimized likelihood (an independent second
/// implementation of the forward and backward pass), so the speed ratio compares like with like.</summary>
public sealed class NaiveAdLikelihoodTests
{
    [Theory]
    [InlineData(16, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(16, 3, true)]
    [InlineData(3, 4, true)]
    public void Naive_EqualsTheOptimizedLikelihoodAndGradient(int hidden, int seed, bool exposure)
    {
        var layout = new AdModelLayout(hidden, 3, 2, exposure ? AdModelLayout.DefaultExposureDecays : null);
        var rng = new Random(seed);
        var net = new AdNetwork(layout, 0.8, AdFixtures.RandomTheta(layout, rng));
        var user = AdFixtures.RandomUser(layout, rng, 40);
        var fast = new double[layout.Length];
        var naive = new double[layout.Length];
        double a = AdLikelihood.Evaluate(net, user, new AdLikelihoodWorkspace(layout), fast).Total;
        double b = NaiveAdLikelihood.Evaluate(net, user, naive);
        Assert.Equal(a, b, 1e-9 * Math.Abs(a));
        for (int i = 0; i < fast.Length; i++)
            Assert.True(Math.Abs(fast[i] - naive[i]) <= 1e-9 * Math.Max(1, Math.Abs(fast[i])), $"coordinate {i}: {fast[i]:R} vs {naive[i]:R}");
    }
}
