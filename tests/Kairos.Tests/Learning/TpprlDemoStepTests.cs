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
            // The comparison row is on the objective the policies are scored on, not raw reward: the optimum's mean is
            // near J* = 5.3125 (its raw reward would be 2J* ≈ 10.6), and the report's table stars that column.
            Assert.Contains("reward − q/2∫λ²", rows[1].Metric);
            var optimal = System.Text.RegularExpressions.Regex.Match(rows[1].Reference, @"^optimal (\S+) / Poisson at TPPRL's actions (\S+)$");
            Assert.True(optimal.Success, rows[1].Reference);
            Assert.InRange(double.Parse(optimal.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.8 * 5.3125, 1.2 * 5.3125);
            string html = System.Net.WebUtility.HtmlDecode(report.Render());
            Assert.Contains("<th>reward − q/2∫λ² (mean ± SE) *</th>", html);
            Assert.Contains("<th>penalty q/2∫λ² (mean)</th>", html);
        }
        finally { Directory.Delete(dir, true); }
    }
}
