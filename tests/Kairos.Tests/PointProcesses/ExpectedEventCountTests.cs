using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public class ExpectedEventCountTests
{
    [Theory]
    [InlineData("hawkes:mu=0.8,alpha=0.5,beta=2", 30, false)]
    [InlineData("hawkes:mu=0.5,alpha=1.1,beta=1", 15, false)]    // explosive: e^{κT} growth
    [InlineData("hawkes:mu=0.5,alpha=1,beta=1.3", 20, false)]    // κ = 0: μT + αβμT²/2
    [InlineData("exp:c=0.5,omega=-0.1", 40, false)]
    [InlineData("poisson:rate=1.5", 20, false)]
    [InlineData("heavytail:scale=0.5,shape=1.5,tail=0.7", 50, true)]
    public void Of_SimulatedMeanCount_MatchesWithinFourStandardErrors(string text, double horizon, bool upperBound)
    {
        // Given 800 independent realisations at a fixed seed
        var model = ProcessModelLikelihoodTests.Make(text);
        var counts = Enumerable.Range(0, 800).Select(i => (double)model.Simulate(horizon, SeedSequence.Stream(3, i)).Length).ToArray();
        double mean = counts.Average(), se = Math.Sqrt(counts.Select(c => (c - mean) * (c - mean)).Sum() / (counts.Length - 1) / counts.Length);
        // When computing the expected count
        double expected = ExpectedEventCount.Of(model, horizon);
        // Then it matches the simulated mean (exact families) or bounds it from above (renewal)
        if (upperBound) Assert.True(expected >= mean - 4 * se && expected < 3 * mean, $"bound {expected}, mean {mean} ± {se}");
        else Assert.True(Math.Abs(expected - mean) < 4 * se, $"expected {expected}, simulated {mean} ± {se}");
    }

    [Fact]
    public void Hawkes_NearCriticalAndExplosive_IsContinuousAndOverflowsToInfinity()
    {
        double at1 = ExpectedEventCount.Hawkes(0.5, 1, 1.3, 20);
        Assert.Equal(0.5 * 20 + 1.3 * 0.5 * 400 / 2, at1, 1e-12 * at1);
        Assert.Equal(at1, ExpectedEventCount.Hawkes(0.5, 1 + 1e-9, 1.3, 20), 1e-6 * at1);
        Assert.Equal(at1, ExpectedEventCount.Hawkes(0.5, 1 - 1e-9, 1.3, 20), 1e-6 * at1);
        Assert.Equal(0.5 * 1e6 / (1 - 0.5), ExpectedEventCount.Hawkes(0.5, 0.5, 2, 1e6), 1e-5 * 1e6);   // stationary μT/(1 − α)
        Assert.True(double.IsPositiveInfinity(ExpectedEventCount.Hawkes(1, 2, 1, 1000)));
    }
}
