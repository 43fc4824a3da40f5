using Kairos.Evaluation;

namespace Kairos.Tests.Evaluation;

public sealed class ReviewScheduleTests
{
    [Fact]
    public void Spearman_MatchesHandComputedValues_WithTiesAveraged()
    {
        Assert.Equal(1, ReviewSchedule.Spearman([1, 2, 3, 4], [10, 20, 30, 1000]), 12);
        Assert.Equal(-1, ReviewSchedule.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        // x ranks 1,2,3,4; y = (1, 1, 2, 3) has mid-ranks 1.5,1.5,3,4: r = 4.5 / sqrt(5 · 4.5).
        Assert.Equal(4.5 / Math.Sqrt(5 * 4.5), ReviewSchedule.Spearman([1, 2, 3, 4], [1, 1, 2, 3]), 12);
        Assert.True(double.IsNaN(ReviewSchedule.Spearman([1, 2, 3], [5, 5, 5])));
    }
}
