using Kairos.Decisions;
using Kairos.Learning.OffPolicy;
using Xunit;

namespace Kairos.Tests.Learning.OffPolicy;

public sealed class StudentizedBootstrapTests
{
    private static double[] Sample(int n, ulong key, Func<double, double> fromUniform) =>
        Enumerable.Range(0, n).Select(i => fromUniform(DecisionRandom.Uniform(key, i))).ToArray();

    private static double Normal(double u) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, u);

    private static (double Lower, double Upper) Interval(double[] x, ulong key, int resamples = 999, int threads = -1) =>
        StudentizedBootstrap.Interval(x.Length, c => StudentizedBootstrap.Mean(x, c), resamples, key, threads: threads);

    [Fact]
    public void On_normal_data_the_interval_is_the_normal_one()
    {
        var x = Sample(400, 11, Normal);
        var (mean, se) = StudentizedBootstrap.Mean(x, Enumerable.Repeat(1, x.Length).ToArray());
        var (lower, upper) = Interval(x, 5, 1999);
        Assert.InRange(lower, mean - 2.25 * se, mean - 1.7 * se);
        Assert.InRange(upper, mean + 1.7 * se, mean + 2.25 * se);
    }

    /// <summary>For right-skewed data t* = (θ* − θ̂)/s* has a long lower tail, so the interval reaches further up than
    /// down (a mirrored quantile would do the opposite).</summary>
    [Fact]
    public void On_right_skewed_data_the_interval_reaches_further_up()
    {
        var x = Sample(60, 12, u => Math.Exp(1.5 * Normal(u)));
        double mean = x.Average();
        var (lower, upper) = Interval(x, 6);
        Assert.True(upper - mean > 1.3 * (mean - lower), $"[{lower}, {upper}] around {mean}");
    }

    [Fact]
    public void The_interval_is_a_function_of_the_key_only()
    {
        var x = Sample(50, 13, Normal);
        Assert.Equal(Interval(x, 7, 199, threads: 1), Interval(x, 7, 199, threads: -1));
        Assert.NotEqual(Interval(x, 7, 199), Interval(x, 8, 199));
    }

    /// <summary>Means of n = 30 log-normal(0, 1) draws (true mean e^0.5), 300 samples: the normal interval covers
    /// ≈ 85%; the studentized bootstrap must come close to 95% and beat it.</summary>
    [Fact]
    public void On_skewed_means_the_interval_covers_near_95_percent_and_beats_the_normal_one()
    {
        double truth = Math.Exp(0.5);
        int reps = 300, boot = 0, normal = 0;
        for (int r = 0; r < reps; r++)
        {
            var x = Sample(30, 100 + (ulong)r, u => Math.Exp(1.0 * Normal(u)));
            var (mean, se) = StudentizedBootstrap.Mean(x, Enumerable.Repeat(1, x.Length).ToArray());
            var (lower, upper) = Interval(x, (ulong)r, 399, threads: 1);
            if (lower <= truth && truth <= upper) boot++;
            if (Math.Abs(mean - truth) <= OffPolicyEstimate.Z95 * se) normal++;
        }
        Assert.True(boot >= 0.9 * reps, $"bootstrap covered {boot}/{reps}, normal {normal}/{reps}");
        Assert.True(boot > normal + 0.03 * reps, $"bootstrap covered {boot}/{reps}, normal {normal}/{reps}");
    }

    [Fact]
    public void Quantile_interpolates_order_statistics()
    {
        double[] s = [1, 2, 4, 8];
        Assert.Equal(1, StudentizedBootstrap.Quantile(s, 0));
        Assert.Equal(8, StudentizedBootstrap.Quantile(s, 1));
        Assert.Equal(3, StudentizedBootstrap.Quantile(s, 0.5), 12);
    }
}
