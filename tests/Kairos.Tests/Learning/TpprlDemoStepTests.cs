using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Learning;

public class TpprlDemoStepTests
{
    private sealed class NullSink : IProgressSink { public void Report(double done, string? status = null) { } }

    [Fact]
    public void Run_Quick_AddsASectionWithTheCurveAndSummaryRows()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kairos-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var report = new HtmlReport("test");
            var rows = new TpprlDemoStep().Run(new DemoContext(report, 42, dir, new NullSink(), Quick: true));
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal("TPPRL", r.Capability));
            Assert.True(double.IsFinite(double.Parse(rows[0].Value.Split(" ± ")[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(File.Exists(Path.Combine(dir, "tpprl-curve.csv")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
