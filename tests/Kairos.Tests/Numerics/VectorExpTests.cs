using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

public sealed class VectorExpTests
{
    [Fact]
    public void ExpOfScaled_GridOfArguments_MatchesMathExpTo4Ulp()
    {
        // Given arguments from −708 to 700 (dense near 0, where the Hawkes weights live) and an odd length for the tail
        var x = Enumerable.Range(0, 20_003).Select(i => -708 + 1408.0 * i / 20_002).Concat(
            Enumerable.Range(0, 1001).Select(i => -1e-3 * i)).ToArray();
        var y = new double[x.Length];
        VectorExp.ExpOfScaled(x, 1.0, y);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Exp(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 4 * double.Epsilon + 8.9e-16 * expected, $"exp({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void ExpOfScaled_BelowRangeAndScale_FlushToZeroAndScale()
    {
        var x = new[] { 800.0, 1e300, double.PositiveInfinity, 2.0, 0.0 };
        var y = new double[5];
        VectorExp.ExpOfScaled(x, -1.0, y);
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, y[..3]);
        Assert.Equal(Math.Exp(-2.0), y[3], 15);
        Assert.Equal(1.0, y[4]);
    }
}
