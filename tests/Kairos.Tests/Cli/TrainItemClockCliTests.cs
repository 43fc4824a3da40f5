namespace Kairos.Tests.Cli;

/// <summary>`train --item-clock`: a clock that does not exist, or the flag on a family without per-item clocks, is one
/// error line naming the flag (exit 2), before any training.</summary>
public sealed class TrainItemClockCliTests
{
    [Theory]
    [InlineData("tpprl-per-item", "sundial", "--item-clock 'sundial' is not a clock")]
    [InlineData("tpprl", "retrievability", "--item-clock applies to --policy tpprl-per-item only")]
    public void Bad_item_clock_is_one_error_line(string policy, string clock, string message)
    {
        var r = CliRunner.Run("train", "spaced-repetition-fsrs-memory", "--policy", policy, "--item-clock", clock, "--iterations", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.StartsWith("error:", r.Stderr.TrimStart());
    }
}
