using Kairos.Learning;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class HawkesValidationTests
{
    [Theory]
    [InlineData(new[] { 1.0, 0.5, 2.0 }, "times[1] = 0.5 is earlier than times[0] = 1")]
    [InlineData(new[] { 1.0, double.NaN, 2.0 }, "times[1] = NaN: event times must be finite")]
    [InlineData(new[] { -0.5, 1.0 }, "times[0] = -0.5: event times must be >= 0")]
    [InlineData(new[] { 1.0, 12.0 }, "times[1] = 12 is after the horizon T = 10")]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, "times[1] = Infinity: event times must be finite")]
    public void LogLikelihood_BadTimes_ThrowsNamingTheEvent(double[] times, string expected)
    {
        var p = new HawkesProcess(0.5, 0.5, 1);
        var e1 = Assert.ThrowsAny<ArgumentException>(() => p.LogLikelihood(times, 10));
        Assert.Contains(expected, e1.Message);
        var e2 = Assert.ThrowsAny<ArgumentException>(() => HawkesFastLikelihood.LogLikelihood(times, 10, 0.5, 0.5, 1));
        Assert.Contains(expected, e2.Message);
        var e3 = Assert.ThrowsAny<ArgumentException>(() => new HawkesFixedDecayLikelihood(times, 10, 1));
        Assert.Contains(expected, e3.Message);
        Assert.ThrowsAny<ArgumentException>(() => HawkesFitter.Fit(times, 10));
    }

    [Theory]
    [InlineData(-0.1, 0.5, 1.0, "mu")]
    [InlineData(double.NaN, 0.5, 1.0, "mu")]
    [InlineData(0.5, -0.2, 1.0, "alpha")]
    [InlineData(0.5, double.PositiveInfinity, 1.0, "alpha")]
    [InlineData(0.5, 0.5, 0.0, "beta")]
    [InlineData(0.5, 0.5, -1.0, "beta")]
    [InlineData(0.5, 0.5, double.NaN, "beta")]
    public void Constructor_InvalidParameter_ThrowsNamingIt(double mu, double alpha, double beta, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HawkesProcess(mu, alpha, beta));
        Assert.Contains(name, e.Message);
        var f = Assert.Throws<ArgumentOutOfRangeException>(() => HawkesFastLikelihood.LogLikelihood(new[] { 1.0 }, 2, mu, alpha, beta));
        Assert.Contains(name, f.Message);
    }

    [Fact]
    public void Realization_BadMarksOrShapes_ThrowClearErrors()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HawkesRealization.FromMarked(new[] { 1.0, 2.0 }, new[] { 0, 2 }, 2, 5));
        Assert.Contains("marks[1] = 2 must lie in [0, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HawkesRealization.Univariate(new[] { 1.0 }, 0));
        var shape = Assert.Throws<ArgumentException>(() => new HawkesExpKernel(new[] { 1.0, 2.0 }, new double[1, 1], 1.0));
        Assert.Contains("adjacency must be 2x2", shape.Message);
        var dims = Assert.Throws<ArgumentException>(() =>
            HawkesLikelihood.LogLikelihood(HawkesFixtures.TickKernel(), HawkesRealization.Univariate(new[] { 1.0 }, 2)));
        Assert.Contains("the data has 1 dimension(s) but the kernel has 2", dims.Message);
    }

    [Fact]
    public void Fit_EmptyHistory_ThrowsClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => HawkesFitter.Fit(ReadOnlySpan<double>.Empty, 10));
        Assert.Contains("history has no events", e.Message);
    }

    [Fact]
    public void Layout_OffsetsAndNames_FollowMuAlphaBetaOrder()
    {
        var shared = new HawkesLayout(2, sharedDecay: true);
        Assert.Equal((7, 0, 3, 6, 6), (shared.Count, shared.Baseline(0), shared.Adjacency(0, 1), shared.Decay(0, 0), shared.Decay(1, 1)));
        var matrix = new HawkesLayout(2, sharedDecay: false);
        Assert.Equal((10, 9, "alpha[1,0]", "beta[1,1]"), (matrix.Count, matrix.Decay(1, 1), matrix.Name(4), matrix.Name(9)));
        Assert.Equal(new[] { "mu", "alpha", "beta" }, Enumerable.Range(0, 3).Select(new HawkesLayout(1, true).Name));
        var k = HawkesFixtures.MatrixKernel();
        var back = HawkesExpKernel.FromFlat(k.Layout, k.ToFlat());
        Assert.Equal(k.ToFlat(), back.ToFlat());
        Assert.Equal("Hawkes(μ=0.5, α=0.6, β=1.5)", HawkesExpKernel.Univariate(0.5, 0.6, 1.5).ToString());
    }

    [Fact]
    public void SpectralRadius_KnownMatrix_IsLargestEigenvalueMagnitude()
    {
        // [[2, 3], [4, 1]] has eigenvalues 5 and −2.
        Assert.Equal(5.0, HawkesFixtures.TickKernel().SpectralRadius(), 12);
        Assert.False(HawkesFixtures.TickKernel().IsStationary);
        Assert.True(HawkesFixtures.MatrixKernel().IsStationary);
    }
}
