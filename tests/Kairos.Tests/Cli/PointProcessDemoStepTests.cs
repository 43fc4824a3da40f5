using System.Globalization;
using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Cli;

public sealed class PointProcessDemoStepTests
{
    [Fact]
    public void Run_Quick_AddsSectionWithTableAndFiguresAndPassingRows()
    {
        // Given the quick demo context
        var dir = Directory.CreateTempSubdirectory("kairos-pp-demo-");
        try
        {
            var report = new HtmlReport("t");
            var step = new PointProcessDemoStep();

            // When the step runs
            var rows = step.Run(new DemoContext(report, 42, dir.FullName, new NullSink(), Quick: true));

            // Then: one summary row per case, every fitted parameter within 3 SE, KS not rejecting, 2 + 5 figures
            Assert.Equal(5, rows.Count);
            foreach (var r in rows)
            {
                var parts = r.Value.Split("; ");
                Assert.True(double.Parse(parts[0], CultureInfo.InvariantCulture) < 3, r.ToString());
                Assert.True(double.Parse(parts[1], CultureInfo.InvariantCulture) > 1e-3, r.ToString());
            }
            var section = Assert.Single(report.Sections);
            Assert.Equal(7, section.FigureCount);
            Assert.Equal(5, Directory.GetFiles(Path.Combine(dir.FullName, "point-processes"), "*.jsonl").Length);
            Assert.IsType<PointProcessDemoStep>(DemoSteps.All()[0]);   // the demo opens with point processes
        }
        finally { dir.Delete(true); }
    }

    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
