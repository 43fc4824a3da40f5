using Kairos.Reports;

namespace Kairos.Tests.Reports;

public sealed class BoxLabelsTests
{
    [Fact]
    public void Rotation_ShortLabelsStayFlat_LongOrManyLabelsRotate()
    {
        Assert.Equal(0, BoxLabels.Rotation(["uniform", "cram", "tpprl"], 544));
        Assert.True(BoxLabels.Rotation(["tpprl (paper inputs)", "tpprl-wt0 (timed)", "memorize", "uniform", "threshold", "cram", "oracle"], 544) > 0);
        Assert.Equal(60, BoxLabels.Rotation(Enumerable.Range(0, 40).Select(i => "policy " + i).ToArray(), 544));
    }

    [Fact]
    public void AxisHeight_GrowsWithTheLongestRotatedLabel()
    {
        Assert.Equal(0, BoxLabels.AxisHeight(["a"], 0));
        Assert.True(BoxLabels.AxisHeight(["a much longer policy name"], 30) > BoxLabels.AxisHeight(["short"], 30));
    }

    [Fact]
    public void OffBudget_MarksOnlyBoxesFarFromTheMedianBudget()
    {
        // paper-input TPPRL at 1,991 reviews beside baselines bisected to 974 (±1%)
        var marked = BoxLabels.OffBudget([974, 1991, 970, 981, 975]);
        Assert.Equal([false, true, false, false, false], marked);
        Assert.Equal([false, false], BoxLabels.OffBudget([5.0, 5.2]));
        Assert.Empty(BoxLabels.OffBudget(null));
        Assert.Equal([false, false, false], BoxLabels.OffBudget([double.NaN, 10, 10]));
    }

    [Fact]
    public void Label_CarriesTheBudgetOnlyWhenOff()
    {
        Assert.Equal("tpprl @ 1,991", BoxLabels.Label("tpprl", 1991.2, true));
        Assert.Equal("tpprl", BoxLabels.Label("tpprl", 1991.2, false));
        Assert.Equal("redqueen @ 6.2", BoxLabels.Label("redqueen", 6.2, true));
    }

    [Fact]
    public void Boxes_WithAnOffBudgetPolicy_RendersAPng()
    {
        var png = Plots.Boxes("recall", "recall", ["tpprl (paper inputs)", "uniform", "cram"],
            [[0.3, 0.4, 0.5], [0.2, 0.3, 0.35], [0.4, 0.45, 0.5]], [1991, 974, 975]);
        Assert.Equal(0x89, png[0]);
        Assert.True(png.Length > 1000);
    }

    [Fact]
    public void LongPolicyNames_AreShortenedToFitTheImage()
    {
        Assert.Equal("tpprl:spaced-repetition-budget1000", BoxLabels.Shorten("tpprl:data/models/spaced-repetition-budget1000.tpprl.json", 40));
        Assert.Equal("tpprl:spaced-repetition-budget1000 @ 1,004",
            BoxLabels.Shorten("tpprl:data/models/spaced-repetition-budget1000.tpprl.json @ 1,004", 64));
        Assert.Equal("uniform", BoxLabels.Shorten("uniform"));
        string cut = BoxLabels.Shorten("a policy name far longer than any tick label should be", 20);
        Assert.Equal(20, cut.Length);
        Assert.StartsWith("a policy ", cut);
        Assert.Contains("…", cut);
        Assert.EndsWith("should be", cut);
    }

    [Fact]
    public void BudgetCheck_RendersAPng_WithAnOffBudgetPolicyAndABudgetLine()
    {
        var png = Plots.ActionsWithIntervals("budget", ["uniform", "cram", "tpprl:data/models/x.tpprl.json"], [970, 981, 1991], [3, 0, 5], 975);
        Assert.Equal(0x89, png[0]);
        Assert.True(png.Length > 1000);
    }
}
