using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Cli.Demo;

public sealed class AdDeliveryDemoStepTests
{
    [Fact]
    public void QuickRun_LoadsTheShippedPolicy_AndReportsFiniteNumbers()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-addemo-");
        try
        {
            var rows = new AdDeliveryDemoStep().Run(new DemoContext(new HtmlReport("t"), 1, dir.FullName, new NullProgress(), Quick: true));
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.DoesNotContain("NaN", r.Value));
            Assert.True(double.TryParse(rows[0].Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        }
        finally { dir.Delete(recursive: true); }
    }

    private sealed class NullProgress : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
