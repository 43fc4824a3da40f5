using Kairos.Environments.Broadcasting;

namespace Kairos.Tests.Environments.Broadcasting;

/// <summary>The generator's posts follow its documented law: counts E = T·Σμ/(1 − branching), the daily cycle's share
/// of immigrants in the rising half of the day (½ + a/π), and a wrong branching ratio is rejected.</summary>
public sealed class SyntheticBroadcastWorldTests
{
    private static (BroadcastWorld World, double Horizon) Generate(int seed, SyntheticBroadcastOptions o)
    {
        var w = SyntheticBroadcastWorld.Generate(new Random(seed), o);
        return (w, w.TestEnd);
    }

    [Fact]
    public void Counts_MatchTheClusterProcessMean_AndAWrongBranchingIsRejected()
    {
        var o = new SyntheticBroadcastOptions(Sources: 5, WindowPosts: 200, LogWindows: 40);
        double ratioSum = 0, zeroSum = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var rng = new Random(seed);
            var w = SyntheticBroadcastWorld.Generate(rng, o);
            // The generator fixes the log length at LogWindows·N·(1 − b)/Σμ, so the expected count is LogWindows·N
            // (when no regeneration happened; at 40 windows that is practically certain).
            ratioSum += w.PostTimes.Length / (double)(o.LogWindows * o.WindowPosts);
            var z = SyntheticBroadcastWorld.Generate(new Random(seed), o with { Branching = 0 });
            zeroSum += z.PostTimes.Length / (double)(o.LogWindows * o.WindowPosts);
        }
        Assert.InRange(ratioSum / 20, 0.95, 1.05);
        Assert.InRange(zeroSum / 20, 0.95, 1.05);   // its own (shorter-log) law holds too
        var wrong = SyntheticBroadcastWorld.Generate(new Random(1), o with { Branching = 0.6 });
        Assert.NotEqual(wrong.PostTimes.Length, SyntheticBroadcastWorld.Generate(new Random(1), o).PostTimes.Length);
    }

    [Fact]
    public void DailyCycle_PutsHalfPlusAOverPiOfImmigrantsInTheRisingHalfDay()
    {
        var o = new SyntheticBroadcastOptions(Branching: 0, LogWindows: 50);
        var w = SyntheticBroadcastWorld.Generate(new Random(3), o);
        double share = w.PostTimes.Count(t => t % 24 < 12) / (double)w.PostTimes.Length;
        double expected = 0.5 + 0.8 / Math.PI, se = Math.Sqrt(expected * (1 - expected) / w.PostTimes.Length);
        Assert.InRange(share, expected - 4 * se, expected + 4 * se);
        Assert.False(Math.Abs(share - 0.5) < 4 * se);   // a flat cycle would be rejected
    }

    [Fact]
    public void Defaults_GiveTwentyFollowersFollowingOneToFiveSources_AndTrainingWindows()
    {
        var w = SyntheticBroadcastWorld.Generate(new Random(9));
        Assert.Equal(20, w.FollowerCount);
        Assert.All(w.FollowerSources, s => Assert.InRange(s.Length, 1, 5));
        Assert.True(w.HasTrainingWindows);
        Assert.Equal(200, w.PostTimes.Count(t => t > w.TestStart));
        Assert.Equal("hours", w.TimeUnit);
    }
}
