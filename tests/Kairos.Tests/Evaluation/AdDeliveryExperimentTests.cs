using Kairos.Evaluation;

namespace Kairos.Tests.Evaluation;

public sealed class AdDeliveryExperimentTests
{
    [Fact]
    public void GainShare_OfAPolicyHalfwayToTheOracleOnEveryUser_IsOneHalfWithNoSpread()
    {
        var rng = new Random(3);
        var logging = Enumerable.Range(0, 50).Select(_ => rng.NextDouble()).ToArray();
        var oracle = logging.Select(v => v + 0.2 + rng.NextDouble()).ToArray();
        var policy = logging.Select((v, i) => v + 0.5 * (oracle[i] - v)).ToArray();
        var (share, lo, hi) = AdDeliveryExperiment.GainShare(policy, logging, oracle);
        Assert.Equal(0.5, share, 12);
        Assert.Equal(0.5, lo, 9);
        Assert.Equal(0.5, hi, 9);
        var noisy = policy.Select(v => v + 0.3 * (rng.NextDouble() - 0.5)).ToArray();
        var (_, lo2, hi2) = AdDeliveryExperiment.GainShare(noisy, logging, oracle);
        Assert.True(hi2 - lo2 > 0.01);
    }

    [Fact]
    public void Paired_DifferenceInterval_CoversTheShiftAndIsCenteredOnIt()
    {
        var x = Enumerable.Range(0, 40).Select(i => Math.Sin(i)).ToArray();
        var d = AdDeliveryExperiment.Paired("learned", x.Select((v, i) => v + 0.1 + 0.01 * Math.Cos(7 * i)).ToArray(), x);
        Assert.Equal(0.1 + x.Select((_, i) => 0.01 * Math.Cos(7 * i)).Average(), d.Mean, 12);
        Assert.True(d.Lower < d.Mean && d.Mean < d.Upper && d.Upper - d.Lower < 0.02);
    }

    [Fact]
    public void AcrossLogs_PerLogMeansAndIntervals_AreThoseOfTheLogsPairedDifferences()
    {
        var rng = new Random(5);
        var logs = Enumerable.Range(0, 4).Select(l =>
        {
            var plugin = Enumerable.Range(0, 30).Select(_ => rng.NextDouble()).ToArray();
            var plan = plugin.Select(v => v + 0.05 * (l - 1) + 0.1 * (rng.NextDouble() - 0.5)).ToArray();
            return (LogSeed: 10 + l, Values: new Dictionary<string, double[]> { ["plan"] = plan, ["plan-plugin"] = plugin });
        }).ToList();
        var a = AdDeliveryExperiment.AcrossLogs("plan", "plan-plugin", logs);
        var d = logs.Select(l => l.Values["plan"].Select((v, i) => v - l.Values["plan-plugin"][i]).ToArray()).ToArray();
        Assert.Equal([10, 11, 12, 13], a.LogSeeds);
        for (int l = 0; l < 4; l++) Assert.Equal(d[l].Average(), a.PerLog[l], 12);
        Assert.Equal(d.SelectMany(x => x).Average(), a.Mean, 12);
        var (_, tLo, tHi) = Kairos.Numerics.CrossedMean.StudentTInterval(a.PerLog);
        Assert.Equal((tLo, tHi), (a.AcrossLogsLower, a.AcrossLogsUpper));
        var (_, se, lo, hi) = Kairos.Numerics.CrossedMean.Pigeonhole(d);
        Assert.Equal((se, lo, hi), (a.CrossedStandardError, a.CrossedLower, a.CrossedUpper));
        Assert.True(a.AcrossLogsLower < a.Mean && a.Mean < a.AcrossLogsUpper && a.CrossedLower < a.Mean && a.Mean < a.CrossedUpper);
        Assert.Throws<ArgumentException>(() => AdDeliveryExperiment.AcrossLogs("plan", "plan-plugin", logs.Take(1).ToList()));
    }
}
