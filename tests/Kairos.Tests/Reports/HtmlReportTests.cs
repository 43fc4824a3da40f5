using Kairos.Reports;

namespace Kairos.Tests.Reports;

public sealed class HtmlReportTests
{
    [Fact]
    public void Render_WithTableAndFigure_IsSelfContainedAndEscapesText()
    {
        var report = new HtmlReport("R <1>");
        var png = Plots.Lines("t", "x", "y", ("a", [0.0, 1, 2], [1.0, 2, 0]));
        report.AddSection("S & T").Paragraph("a < b").Table(["h1", "h2"], [["1", "<x>"]]).Figure(png, "cap");

        var html = report.Render();

        Assert.Contains("R &lt;1&gt;", html);
        Assert.Contains("S &amp; T", html);
        Assert.Contains("<td>1</td><td class=\"t\">&lt;x&gt;</td>", html);   // numbers right-aligned, text left
        int pngWidth = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Contains($"width=\"{pngWidth / Plots.Scale}\"", html);       // the 2× PNG shown at layout size
        Assert.Contains("data:image/png;base64,iVBORw0KGgo", html);   // PNG signature, base64
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public void Plots_Boxes_RendersPng()
    {
        var png = Plots.Boxes("b", "y", ["a", "b"], [[1.0, 2, 3, 4], [2.0, 2, 5]]);

        Assert.Equal(0x89, png[0]);
        Assert.Equal((byte)'P', png[1]);
    }
}
