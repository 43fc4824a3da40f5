using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class TimeRescalingTests
{
    [Fact]
    public void Residuals_CompensatorValues_AreIncrements()
    {
        Assert.Equal([0.5, 1.0, 0.25], TimeRescaling.Residuals([0.5, 1.5, 1.75]));
        Assert.Equal([0.5, 1.0], TimeRescaling.Residuals([1.5, 2.5], start: 1));
    }

    [Fact]
    public void Residuals_Decreasing_ThrowsNamingTheIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => TimeRescaling.Residuals([1, 0.5]));
        Assert.Contains("value 1", ex.Message);
    }

    [Fact]
    public void ToUniform_MapsExpOneMedianToHalf() =>
        Assert.Equal(0.5, TimeRescaling.ToUniform([Math.Log(2)])[0], 15);

    [Fact]
    public void QuantilePairs_SortedSample_UsesHazenPositions()
    {
        var (theory, empirical) = TimeRescaling.QuantilePairs([3.0, 1.0]);
        Assert.Equal([1.0, 3.0], empirical);
        Assert.Equal(-Math.Log(0.75), theory[0], 15);   // Q(1/4) = −log(1 − 1/4)
        Assert.Equal(Math.Log(4), theory[1], 15);       // Q(3/4)
    }

    [Fact]
    public void Test_ExpOneSample_PassesAndWrongRateFails()
    {
        var rng = new Random(3);
        var good = Enumerable.Range(0, 5000).Select(_ => ExponentialDraw.Next(rng)).ToArray();
        Assert.True(TimeRescaling.Test(good).PValue > 1e-3);
        Assert.True(TimeRescaling.Test(good.Select(x => 1.15 * x).ToArray()).PValue < 1e-3);
    }
}
