using System.Runtime.Intrinsics;
using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

public sealed class VectorExpTests
{
    /// <summary>e^{scale·x[i]} for every entry through the vector kernel (the tail padded to a full vector).</summary>
    private static double[] ExpOfScaled(double[] x, double scale)
    {
        var result = new double[x.Length];
        var lane = new double[4];
        for (int i = 0; i < x.Length; i += 4)
        {
            Array.Clear(lane);
            for (int j = 0; j < 4 && i + j < x.Length; j++) lane[j] = scale * x[i + j];
            var e = VectorExp.Exp(Vector256.Create(lane));
            for (int j = 0; j < 4 && i + j < x.Length; j++) result[i + j] = e[j];
        }
        return result;
    }

    [Fact]
    public void Exp_GridOfArguments_MatchesMathExpTo4Ulp()
    {
        // Given arguments from −708 to 700 (dense near 0, where the Hawkes weights live) and an odd length for the tail
        var x = Enumerable.Range(0, 20_003).Select(i => -708 + 1408.0 * i / 20_002).Concat(
            Enumerable.Range(0, 1001).Select(i => -1e-3 * i)).ToArray();
        var y = ExpOfScaled(x, 1.0);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Exp(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 4 * double.Epsilon + 8.9e-16 * expected, $"exp({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Exp_BelowRangeAndScale_FlushToZeroAndScale()
    {
        var x = new[] { 800.0, 1e300, double.PositiveInfinity, 2.0, 0.0 };
        var y = ExpOfScaled(x, -1.0);
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, y[..3]);
        Assert.Equal(Math.Exp(-2.0), y[3], 15);
        Assert.Equal(1.0, y[4]);
    }
}
