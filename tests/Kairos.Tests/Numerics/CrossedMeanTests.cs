using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

/// <summary>The crossed (logs × users) intervals: the pigeonhole variance against an exhaustive enumeration of every
/// row-and-column resample, and the Student-t interval against the t quantile's closed forms at 1 and 2 degrees of freedom.</summary>
public sealed class CrossedMeanTests
{
    /// <summary>Every resample of R rows and C columns with replacement (R^R·C^C equally likely ones): the exact
    /// bootstrap variance of the mean.</summary>
    private static double BruteForcePigeonholeVariance(double[][] x)
    {
        int rows = x.Length, cols = x[0].Length;
        var means = new List<double>();
        foreach (var r in Tuples(rows, rows))
            foreach (var c in Tuples(cols, cols))
            {
                double s = 0;
                foreach (int i in r) foreach (int j in c) s += x[i][j];
                means.Add(s / (rows * cols));
            }
        double m = means.Average();
        return means.Sum(v => (v - m) * (v - m)) / means.Count;
    }

    private static IEnumerable<int[]> Tuples(int length, int range)
    {
        var t = new int[length];
        while (true)
        {
            yield return (int[])t.Clone();
            int k = 0;
            while (k < length && ++t[k] == range) t[k++] = 0;
            if (k == length) yield break;
        }
    }

    [Theory]
    [InlineData(2, 3, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 4, 3)]
    [InlineData(1, 5, 4)]
    public void PigeonholeVariance_EqualsTheVarianceOverEveryRowAndColumnResample(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => rng.NextDouble() + 0.5 * r - 0.3 * c * c).ToArray()).ToArray();
        var (mean, variance) = CrossedMean.PigeonholeVariance(x);
        Assert.Equal(x.SelectMany(r => r).Average(), mean, 12);
        Assert.Equal(BruteForcePigeonholeVariance(x), variance, 12);
    }

    [Fact]
    public void Pigeonhole_CountsTheRowsAsRandom_AndIsWiderThanTheColumnOnlyInterval()
    {
        // rows differ by a shift: an interval over the columns alone (the rows' average per column) does not see it.
        var rng = new Random(9);
        var shift = new[] { -0.2, 0.0, 0.3, 0.1 };
        var x = shift.Select(s => Enumerable.Range(0, 50).Select(_ => s + rng.NextDouble()).ToArray()).ToArray();
        var colMeans = Enumerable.Range(0, 50).Select(c => x.Average(r => r[c])).ToArray();
        double m = colMeans.Average(), columnOnlySe = Math.Sqrt(colMeans.Sum(v => (v - m) * (v - m)) / 49 / 50);
        var (mean, se, lower, upper) = CrossedMean.Pigeonhole(x);
        Assert.Equal(m, mean, 12);
        Assert.True(se > 2 * columnOnlySe, $"crossed s.e. {se} against the columns-only {columnOnlySe}");
        Assert.Equal(mean - 1.96 * se, lower, 12);
        Assert.Equal(mean + 1.96 * se, upper, 12);
    }

    [Fact]
    public void StudentTInterval_MatchesTheClosedFormQuantilesAtOneAndTwoDegreesOfFreedom()
    {
        double p = 0.975;
        Assert.Equal(Math.Tan(Math.PI * (p - 0.5)), CrossedMean.StudentTQuantile(p, 1), 9);          // Cauchy: 12.706
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), CrossedMean.StudentTQuantile(p, 2), 9); // 4.303
        Assert.Equal(1.959964, CrossedMean.StudentTQuantile(p, 100_000), 3);
        double[] v = [0.1, -0.05, 0.25];
        double m = v.Average(), s = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / 2);
        var (mean, lo, hi) = CrossedMean.StudentTInterval(v);
        Assert.Equal(m, mean, 12);
        Assert.Equal(m - 4.302652729911275 * s / Math.Sqrt(3), lo, 9);
        Assert.Equal(m + 4.302652729911275 * s / Math.Sqrt(3), hi, 9);
        Assert.Throws<ArgumentException>(() => CrossedMean.StudentTInterval([1.0]));
    }
}
