using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

/// <summary>Draws of N(μ, diag(1/p)) reproduce each coordinate's mean and variance and no correlation between the two
/// coordinates of a Box–Muller pair; the same check rejects a sampler that uses 1/p as the standard deviation, and one with a
/// shifted mean.</summary>
public sealed class DiagonalGaussianTests
{
    private static readonly double[] Mean = [1, -2, 0.5];
    private static readonly double[] Precision = [4, 0.25, 100];
    private const int Draws = 40_000;

    /// <summary>The largest |z| of the sample means, variances and pair covariance against N(Mean, diag(1/Precision)).</summary>
    private static double WorstZ(DiagonalGaussian sampler, int seed)
    {
        var rng = new Random(seed);
        var xs = Enumerable.Range(0, Draws).Select(_ => sampler.Sample(rng)).ToArray();
        double worst = 0;
        for (int i = 0; i < Mean.Length; i++)
        {
            double sd = 1 / Math.Sqrt(Precision[i]), m = xs.Average(x => x[i]);
            double v = xs.Sum(x => (x[i] - Mean[i]) * (x[i] - Mean[i])) / Draws;
            worst = Math.Max(worst, Math.Abs(m - Mean[i]) / (sd / Math.Sqrt(Draws)));
            worst = Math.Max(worst, Math.Abs(v - sd * sd) / (sd * sd * Math.Sqrt(2.0 / Draws)));
        }
        double c = xs.Sum(x => (x[0] - Mean[0]) * (x[1] - Mean[1])) / Draws, scale = Math.Sqrt(1 / (Precision[0] * Precision[1]) / Draws);
        return Math.Max(worst, Math.Abs(c) / scale);
    }

    [Fact]
    public void Draws_ReproduceTheMeanVarianceAndIndependence()
    {
        Assert.InRange(WorstZ(new DiagonalGaussian(Mean, Precision), 11), 0, 4.5);
    }

    [Fact]
    public void TheCheck_RejectsAWrongSpread_AndAWrongMean()
    {
        Assert.True(WorstZ(new DiagonalGaussian(Mean, Precision.Select(p => p * p).ToArray()), 11) > 20);   // sd 1/p
        Assert.True(WorstZ(new DiagonalGaussian(Mean.Select((m, i) => m + 0.06 / Math.Sqrt(Precision[i])).ToArray(), Precision), 11) > 6);
    }

    [Fact]
    public void Draws_AreDeterministicGivenTheGenerator_AndRefuseBadPrecisions()
    {
        var g = new DiagonalGaussian(Mean, Precision);
        Assert.Equal(g.Sample(new Random(5)), g.Sample(new Random(5)));
        Assert.Throws<ArgumentException>(() => new DiagonalGaussian(Mean, [1, 0, 1]));
        Assert.Throws<ArgumentException>(() => new DiagonalGaussian(Mean, [1, double.NaN, 1]));
    }
}
