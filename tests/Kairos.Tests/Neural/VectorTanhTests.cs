using Kairos.Neural;

namespace Kairos.Tests.Neural;

public class VectorTanhTests
{
    [Fact]
    public void InPlace_GridOfArguments_MatchesMathTanhTo8Ulp()
    {
        // Given arguments dense around the series/exp switch at |x| = 1/8, tiny ones, and a length with a scalar tail
        var x = Enumerable.Range(0, 40_001).Select(i => -20 + 40.0 * i / 40_000)
            .Concat(Enumerable.Range(0, 2001).Select(i => 0.12 + 1e-5 * i))
            .Concat([1e-300, -1e-20, 3e-9, 0.0, -0.0, 400, -800]).ToArray();
        var y = (double[])x.Clone();

        VectorTanh.InPlace(y);

        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 1.8e-15 * Math.Abs(expected), $"tanh({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void InPlace_Specials_KeepSignsInfinitiesAndNaN()
    {
        double[] x = [double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.3];
        VectorTanh.InPlace(x);
        Assert.Equal(1.0, x[0]);
        Assert.Equal(-1.0, x[1]);
        Assert.True(double.IsNaN(x[2]));
        Assert.Equal(Math.Tanh(-0.3), x[3], 1e-15);
    }
}
