using Kairos.Evaluation;

namespace Kairos.Tests.Evaluation;

public sealed class MeanWithErrorTests
{
    [Fact]
    public void Of_MatchesTheTextbookFormula()
    {
        // 1, 2, 3, 4: mean 2.5, sample variance 5/3, SE = sqrt(5/3 / 4).
        var m = MeanWithError.Of([1, 2, 3, 4, double.NaN]);
        Assert.Equal(2.5, m.Mean, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3 / 4), m.StandardError, 15);
        Assert.Equal(4, m.Count);
    }

    [Fact]
    public void Paired_RemovesTheSharedEpisodeEffect()
    {
        // b differs from a by a constant: the unpaired SE is large, the paired one zero.
        double[] a = [10, 20, 30, 40], b = [9, 19, 29, 39];
        var d = MeanWithError.Paired(a, b);
        Assert.Equal(1, d.Mean, 15);
        Assert.Equal(0, d.StandardError, 15);
        Assert.True(MeanWithError.Of(a).StandardError > 5);
    }

    [Fact]
    public void Paired_DropsEpisodesWhereEitherIsMissing_AndRefusesUnpairedLengths()
    {
        var d = MeanWithError.Paired([1, double.NaN, 5], [0, 0, 1]);
        Assert.Equal(2, d.Count);
        Assert.Equal(2.5, d.Mean, 15);
        Assert.Throws<ArgumentException>(() => MeanWithError.Paired([1, 2], [1]));
    }
}
