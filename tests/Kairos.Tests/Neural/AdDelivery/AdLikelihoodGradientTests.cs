using Kairos.Neural.AdDelivery;

namespace Kairos.Tests.Neural.AdDelivery;

public sealed class AdLikelihoodGradientTests
{
    private static double LogLikelihood(AdModelLayout layout, double[] theta, AdUserSequence user) =>
        AdLikelihood.Evaluate(new AdNetwork(layout, 0.8, theta), user, new AdLikelihoodWorkspace(layout)).Total;

    [Theory]
    [InlineData(3, 3, 2, 1, false)]   // H not a multiple of 4: the cell's scalar backward kernel
    [InlineData(8, 3, 2, 2, false)]   // SIMD kernel
    [InlineData(4, 2, 4, 3, false)]
    [InlineData(16, 3, 2, 4, false)]  // H = 16: packed cell, two-pass sequence backward
    [InlineData(3, 3, 2, 5, true)]    // with exposure inputs (F = 5): scalar kernel
    [InlineData(8, 3, 2, 6, true)]
    [InlineData(16, 3, 2, 7, true)]   // packed cell and two-pass backward with F = 5
    public void Gradient_EveryCoordinate_MatchesCentralDifferences(int hidden, int marks, int ads, int seed, bool exposure)
    {
        var layout = new AdModelLayout(hidden, marks, ads, exposure ? AdModelLayout.DefaultExposureDecays : null);
        var rng = new Random(seed);
        var theta = AdFixtures.RandomTheta(layout, rng);
        var user = AdFixtures.RandomUser(layout, rng, 25);
        var gradient = new double[layout.Length];
        AdLikelihood.Evaluate(new AdNetwork(layout, 0.8, theta), user, new AdLikelihoodWorkspace(layout), gradient, weight: 0.7);
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= 0.7;
        GradientCheck.AssertGradient(p => LogLikelihood(layout, p, user), theta, gradient, "ad model log-likelihood");
    }

    [Fact]
    public void Gradient_AccumulatesAcrossUsers()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var rng = new Random(7);
        var theta = AdFixtures.RandomTheta(layout, rng);
        var a = AdFixtures.RandomUser(layout, rng, 10);
        var b = AdFixtures.RandomUser(layout, rng, 12);
        var ws = new AdLikelihoodWorkspace(layout);
        var net = new AdNetwork(layout, 0.8, theta);
        var both = new double[layout.Length];
        AdLikelihood.Evaluate(net, a, ws, both);
        AdLikelihood.Evaluate(net, b, ws, both);
        var onlyB = new double[layout.Length];
        AdLikelihood.Evaluate(net, b, ws, onlyB);
        var onlyA = new double[layout.Length];
        AdLikelihood.Evaluate(net, a, ws, onlyA);
        for (int i = 0; i < both.Length; i++) Assert.Equal(onlyA[i] + onlyB[i], both[i], 12);
    }

    [Fact]
    public void Gradient_WrongLength_IsRefused()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var rng = new Random(1);
        var net = new AdNetwork(layout, 1, AdFixtures.RandomTheta(layout, rng));
        Assert.Throws<ArgumentException>(() =>
            AdLikelihood.Evaluate(net, AdFixtures.RandomUser(layout, rng, 5), new AdLikelihoodWorkspace(layout), new double[3]));
    }
}
