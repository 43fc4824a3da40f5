using Kairos.Reports;
using SkiaSharp;

namespace Kairos.Tests.Reports;

public sealed class SmallMultiplesTests
{
    [Theory]
    [InlineData(2, 2, 1)]
    [InlineData(5, 3, 2)]
    [InlineData(8, 3, 3)]
    public void Bars_OnePanelPerSeriesOnAGrid_AtTheReportWidth(int panels, int columns, int rows)
    {
        var x = Enumerable.Range(1, 14).Select(d => (double)d).ToArray();
        var series = Enumerable.Range(0, panels).Select(i => ($"policy {i}", x, x.Select(d => d == 14 && i == 0 ? 1.0 : 1 / 14.0).ToArray())).ToArray();
        using var bitmap = SKBitmap.Decode(SmallMultiples.Bars("day", "share", series));
        Assert.Equal(columns, SmallMultiples.Columns(panels));
        Assert.Equal(Plots.Width / columns * columns * Plots.Scale, bitmap.Width);
        Assert.Equal(rows * SmallMultiples.PanelHeight * Plots.Scale, bitmap.Height);
    }
}
