using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>The bar is drawn on stderr, so `kairos … > out.txt` keeps it and `2> log` turns it into milestone lines.</summary>
public sealed class ProgressBarTests
{
    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]    // stdout redirected: the bar still shows on the terminal
    [InlineData(false, true, false)]
    [InlineData(true, true, false)]
    public void DrawsBar_DependsOnlyOnStderr(bool stdoutRedirected, bool stderrRedirected, bool expected) =>
        Assert.Equal(expected, CliIO.DrawsBar(stdoutRedirected, stderrRedirected));

    [Fact]
    public void WithProgress_NotInteractive_WritesMilestonesToStderrOnly()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var io = new CliIO(stdout, stderr, interactive: false);
        io.WithProgress("work", 4, quiet: false, p => { for (int i = 1; i <= 4; i++) p.Report(i); return 0; });
        Assert.Equal("", stdout.ToString());
        Assert.Contains("work: 100%", stderr.ToString());
        Assert.DoesNotContain("\u001b", stderr.ToString());
    }
}
