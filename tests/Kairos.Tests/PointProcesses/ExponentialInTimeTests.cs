using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class ExponentialInTimeTests
{
    private static void Close(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (rel. {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    /// <summary>The members delegate to the one kernel (tested in <see cref="ExponentialInTimeKernelTests"/>).</summary>
    [Theory]
    [InlineData(0.3, 1e-12, 2.5)]
    [InlineData(-700, 2, 300)]
    [InlineData(1, -0.7, 3.8)]
    public void Members_AreTheKernel(double c, double omega, double x)
    {
        var d = new ExponentialInTime(c, omega);
        Assert.Equal(ExponentialInTimeKernel.CumulativeHazard(c, omega, x), d.CumulativeHazard(x));
        Assert.Equal(ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, x), d.InverseCumulativeHazard(x));
        Assert.Equal(c + omega * x - ExponentialInTimeKernel.CumulativeHazard(c, omega, x), d.LogDensity(x));
    }

    [Fact]
    public void Extinction_ProbabilityAndInverseCdf_FollowTpprlEq14()
    {
        var d = new ExponentialInTime(1, -0.7);
        Close(3.8832597549414931934, d.TotalCumulativeHazard, 1e-14);   // e/0.7
        Close(Math.Exp(-3.8832597549414931934), d.ExtinctionProbability, 1e-14);
        double reachable = -Fn.Expm1(-d.TotalCumulativeHazard);
        double below = reachable * (1 - 1e-9);
        Assert.True(double.IsFinite(d.InverseCdf(below)));
        Close(below, d.Cdf(d.InverseCdf(below)), 1e-12);
        Assert.Equal(double.PositiveInfinity, d.InverseCdf(reachable * (1 + 1e-9)));
    }

    [Fact]
    public void Members_ExtremeC_StayFinite()
    {
        var hot = new ExponentialInTime(700, 5);
        Assert.Equal(double.PositiveInfinity, hot.CumulativeHazard(10));   // the true value exceeds 1.8e308
        double t = hot.InverseCdf(0.5);
        Close(Math.Log(2) * Math.Exp(-700), t, 1e-12);
        var cold = new ExponentialInTime(-700, 0);
        Close(Math.Log(2) * Math.Exp(700), cold.InverseCdf(0.5), 1e-12);
        Assert.Equal(-700 - 0.0 - 0, cold.LogDensity(0), 12);
    }

    [Fact]
    public void SampleAfter_LateSurvival_AvoidsCancellation()
    {
        // Λ(s) ≈ 4.8e8 ≫ E: the shifted closed form still returns draws just after s with the right scale.
        var d = new ExponentialInTime(0, 1);
        var rng = new Random(2);
        double s = 20, mean = Enumerable.Range(0, 2000).Average(_ => d.SampleAfter(s, rng) - s);
        Assert.InRange(mean, 0.9 * Math.Exp(-s), 1.1 * Math.Exp(-s));
    }

    [Fact]
    public void ToString_ShowsSymbols() =>
        Assert.Equal("ExponentialInTime(c=0.5, ω=-1.25)", new ExponentialInTime(0.5, -1.25).ToString());
}
