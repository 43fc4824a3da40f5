using Kairos.Learning.Fsrs;

namespace Kairos.Tests.Learning.Fsrs;

public sealed class FsrsRecoveryTests
{
    /// <summary>Pure maximum likelihood on 4 logs of 3,000 reviews from the built-in truth: the well-determined
    /// parameters (the forgetting-curve decay w20 and the first stability w2 of a Good first rating) are within two standard deviations of one fit, and those deviations are small against the
    /// parameters' population spread. Replicates are independent of the thread count.</summary>
    [Fact]
    public void Recovery_WellDeterminedParametersAreWithinTwoSdOfTheTruth_AndThreadsDoNotMatter()
    {
        var fitter = new FsrsFitter(l2: 0, maxIterations: 200);
        var r = FsrsRecovery.Run(FsrsRecovery.DefaultTruth, 300, 10, 4, seed: 7, fitter, threads: 2);
        Assert.Equal(21, r.Parameters.Count);
        foreach (int j in new[] { 2, 20 })
        {
            var p = r.Parameters[j];
            Assert.True(p.WithinTwoSd, $"w{j}: truth {p.Truth}, mean {p.Mean}, sd {p.StandardDeviation}");
            Assert.True(p.StandardDeviation < 0.5 * p.PopulationScale, $"w{j}: sd {p.StandardDeviation} vs σ {p.PopulationScale}");
        }
        var again = FsrsRecovery.Run(FsrsRecovery.DefaultTruth, 300, 10, 4, seed: 7, fitter, threads: 1);
        Assert.Equal(r.Parameters.Select(p => p.Mean), again.Parameters.Select(p => p.Mean));
    }

    [Fact]
    public void Summary_FlagsAParameterStuckFarFromTheTruthAsNotRecovered()
    {
        // With a strong pull toward the defaults (γ = 1e4) the fit stays at the defaults: w20 (default 0.1542, truth
        // 0.35) must come out as not within 2 SD and weakly identified — the check can fail.
        var r = FsrsRecovery.Run(FsrsRecovery.DefaultTruth, 100, 8, 3, seed: 1, new FsrsFitter(l2: 1e4, maxIterations: 50));
        var decay = r.Parameters[20];
        Assert.False(decay.WithinTwoSd, $"mean {decay.Mean}, sd {decay.StandardDeviation}");
        Assert.True(decay.WeaklyIdentified);
    }
}
