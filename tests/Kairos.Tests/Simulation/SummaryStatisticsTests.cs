using Kairos.Simulation;

namespace Kairos.Tests.Simulation;

public sealed class SummaryStatisticsTests
{
    [Fact]
    public void Of_KnownSample_MatchesNumpyLinearQuantiles()
    {
        // numpy.quantile([1, 2, 4, 10], [0.25, 0.5, 0.75]) = [1.75, 3.0, 5.5]
        var s = SummaryStatistics.Of([4.0, 1, 10, 2]);

        Assert.Equal(4.25, s.Mean, 14);
        Assert.Equal(3.0, s.Median, 14);
        Assert.Equal(1.75, s.Q1, 14);
        Assert.Equal(5.5, s.Q3, 14);
    }

    [Fact]
    public void Of_KnownSample_GivesTheStandardErrorOfTheMean()
    {
        // [1, 2, 4, 10]: sample variance ((3.25² + 2.25² + 0.25² + 5.75²)/3) = 16.25, SE = √(16.25/4) = 2.0156
        var s = SummaryStatistics.Of([4.0, 1, 10, 2]);
        Assert.Equal(Math.Sqrt(16.25 / 4), s.StandardError, 14);
        Assert.True(double.IsNaN(SummaryStatistics.Of([3.0]).StandardError));
    }
}
