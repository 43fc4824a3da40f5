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
}
