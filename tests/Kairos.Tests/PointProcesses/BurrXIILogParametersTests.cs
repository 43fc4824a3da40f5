using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class BurrXIILogParametersTests
{
    [Theory]
    [InlineData(0.7, 1.8, 0.6, 0.3)]
    [InlineData(2.0, 0.5, 3.0, 9.0)]
    [InlineData(1.0, 1.0, 1.0, 1e-4)]
    public void ValuesAndGradients_MatchBurrXIIChainedToLogParameters(double scale, double shape, double tail, double tau)
    {
        var burr = new BurrXII(scale, shape, tail);
        Span<double> g = stackalloc double[3], l = stackalloc double[3];
        double lf = burr.LogDensityGradient(tau, g);
        Assert.Equal(lf, BurrXIILogParameters.LogDensity(Math.Log(scale), shape, tail, tau, l), 12);
        Assert.Equal(g[0] * scale, l[0], 10);
        Assert.Equal(g[1] * shape, l[1], 10);
        Assert.Equal(g[2] * tail, l[2], 10);
        double ls = burr.LogSurvivalGradient(tau, g);
        Assert.Equal(ls, BurrXIILogParameters.LogSurvival(Math.Log(scale), shape, tail, tau, l), 12);
        Assert.Equal(g[0] * scale, l[0], 10);
        Assert.Equal(g[1] * shape, l[1], 10);
        Assert.Equal(g[2] * tail, l[2], 10);
        Assert.Equal(burr.CumulativeHazard(tau), BurrXIILogParameters.CumulativeHazard(Math.Log(scale), shape, tail, tau), 12);
    }

    [Fact]
    public void Sample_IsTheInverseOfTheCumulativeHazard()
    {
        foreach (double e in new[] { 1e-6, 0.3, 2.0, 40.0 })
        {
            double tau = BurrXIILogParameters.Sample(Math.Log(1.5), 0.7, 2.2, e);
            Assert.Equal(e, BurrXIILogParameters.CumulativeHazard(Math.Log(1.5), 0.7, 2.2, tau), 9);
        }
    }
}
