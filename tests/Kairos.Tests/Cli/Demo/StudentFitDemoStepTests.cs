using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Cli.Demo;

public sealed class StudentFitDemoStepTests
{
    [Fact]
    public void Run_Quick_WritesLogAndRecoversAlphaRoughly()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"kairos-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var report = new HtmlReport("test");
            var rows = new StudentFitDemoStep().Run(new DemoContext(report, 42, dir, new NullSink(), Quick: true));
            Assert.True(File.Exists(Path.Combine(dir, "duolingo-synthetic.csv")));
            double alpha = double.Parse(rows[0].Value.Split(" ± ")[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(alpha, 0.02, 0.08);
            Assert.Equal(1, Assert.Single(report.Sections).FigureCount);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
