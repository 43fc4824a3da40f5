using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Cli.Demo;

public sealed class SpacedRepetitionDemoStepTests
{
    [Fact]
    public void Run_Quick_AddsSectionWithThreeFiguresAndOneRowPerBaseline()
    {
        var report = new HtmlReport("test");
        var rows = new SpacedRepetitionDemoStep().Run(
            new DemoContext(report, 42, Path.GetTempPath(), new NullSink(), Quick: true));
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.InRange(double.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        var section = Assert.Single(report.Sections);
        Assert.Equal(3, section.FigureCount);
    }

    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
