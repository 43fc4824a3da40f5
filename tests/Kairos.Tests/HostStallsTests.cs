namespace Kairos.Tests;

public sealed class HostStallsTests
{
    [Fact]
    public void A_call_is_charged_only_the_stalled_part_inside_it()
    {
        using var stalls = new HostStalls(watch: false);
        long s = System.Diagnostics.Stopwatch.Frequency;   // one second of timestamps
        stalls.Add(10 * s, 40 * s);
        stalls.Add(50 * s, 51 * s);
        Assert.Equal(TimeSpan.FromSeconds(31), stalls.Within(0, 100 * s));
        Assert.Equal(TimeSpan.FromSeconds(30), stalls.Within(0, 45 * s));
        Assert.Equal(TimeSpan.FromSeconds(5), stalls.Within(35 * s, 45 * s));
        Assert.Equal(TimeSpan.Zero, stalls.Within(41 * s, 49 * s));
        Assert.Equal(TimeSpan.FromSeconds(30), stalls.Longest());
    }
}
