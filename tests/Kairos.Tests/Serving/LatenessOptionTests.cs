using Kairos.Cli;
using Kairos.Tests.Cli;

namespace Kairos.Tests.Serving;

/// <summary>`kairos serve --max-lateness DURATION --catch-up-rate R`: durations with units, and bad values refused
/// with one error line naming the flag (exit 2) before anything starts.</summary>
public sealed class LatenessOptionTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("15min", 900)]
    [InlineData("1.5h", 5400)]
    [InlineData("2d", 172_800)]
    [InlineData("250ms", 0.25)]
    [InlineData("30", 30)]
    [InlineData(" 10 M ", 600)]
    public void A_duration_reads_with_its_unit(string text, double seconds)
    {
        Assert.True(CliDurations.TryParse(text, allowNone: false, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("-5s")]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("20000d")]
    [InlineData("5,5m")]
    [InlineData("none")]
    public void A_bad_duration_is_refused(string text) => Assert.False(CliDurations.TryParse(text, allowNone: false, out _));

    [Fact]
    public void None_is_unbounded_where_allowed() =>
        Assert.True(CliDurations.TryParse("none", allowNone: true, out var v) && v == TimeSpan.MaxValue);

    [Theory]
    [InlineData("--max-lateness", "5x", "error: --max-lateness '5x': expected a positive duration")]
    [InlineData("--max-lateness", "-1m", "error: --max-lateness '-1m'")]
    [InlineData("--catch-up-rate", "0", "error: --catch-up-rate 0: must be a positive number")]
    [InlineData("--catch-up-rate", "fast", "--catch-up-rate")]
    [InlineData("--id-window", "0", "error: --id-window 0: must be ≥ 1.")]
    public void A_bad_value_exits_2_naming_the_flag(string flag, string value, string message)
    {
        var run = CliRunner.RunTuple("serve", "--store", "memory", "--urls", "http://127.0.0.1:0", "--emit-actions", flag, value);
        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Err);
        Assert.Single(run.Err.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
    }
}
