using Kairos.Reports;

namespace Kairos.Tests.Reports;

public sealed class SymlogAxisTests
{
    private static readonly double[] Collapse = [-655, .. Enumerable.Range(0, 300).Select(i => 0.01 + 0.0003 * i)];

    [Fact]
    public void Threshold_FirstPointSetsTheRange_UsesSymlogAtTheMedian()
    {
        double? c = SymlogAxis.Threshold(Collapse);
        Assert.NotNull(c);
        Assert.InRange(c!.Value, 0.05, 0.06);
    }

    [Fact]
    public void Threshold_ValuesWithinTwoDecades_StayLinear() =>
        Assert.Null(SymlogAxis.Threshold(Collapse.Skip(1)));

    [Fact]
    public void Transform_IsOddMonotoneAndLinearNearZero()
    {
        const double c = 0.05;
        var ys = new[] { -655, -1, -0.01, 0, 0.001, 0.01, 1, 655 };
        var t = ys.Select(y => SymlogAxis.Transform(y, c)).ToArray();
        Assert.Equal(t.Order(), t);
        Assert.Equal(-SymlogAxis.Transform(655, c), SymlogAxis.Transform(-655, c), 12);
        Assert.Equal(1e-5 / c / Math.Log(10), SymlogAxis.Transform(1e-5, c), 1e-7);
        // the bulk of the curve (0.01 to 0.1) gets a sizeable share of the axis next to −655
        Assert.True((SymlogAxis.Transform(0.1, c) - SymlogAxis.Transform(0.01, c)) / (t[^1] - t[0]) > 0.02);
    }

    [Fact]
    public void Ticks_AtZeroAndPowersOfTenWithOriginalLabels()
    {
        var ticks = SymlogAxis.Ticks(-3647, 0.1, 0.05);
        Assert.Equal(["-1,000", "-100", "-10", "-1", "-0.1", "-0.01", "0", "0.01", "0.1"], ticks.Select(t => t.Label));
        Assert.Equal(ticks.Select(t => t.Position).Order(), ticks.Select(t => t.Position));
    }
}
