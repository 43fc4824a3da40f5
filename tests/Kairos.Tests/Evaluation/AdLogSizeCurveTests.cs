using Kairos.Evaluation;
using Kairos.Numerics;

namespace Kairos.Tests.Evaluation;

/// <summary><see cref="AdLogSizeCurve"/>: per size, the levels and differences are the crossed (logs × users) statistics of
/// the per-log utilities, only logs evaluated at every size are used, and two policies that fare alike on every user have
/// a zero difference and zero per-user RMS.</summary>
public sealed class AdLogSizeCurveTests
{
    private const int Users = 12;

    private static AdCurveRun Run(int size, int seed, Random rng, double planShift)
    {
        var plugin = Enumerable.Range(0, Users).Select(_ => rng.NextDouble()).ToArray();
        var plan = plugin.Select(v => v + planShift + 0.1 * (rng.NextDouble() - 0.5)).ToArray();
        var thompson = plugin.Select(v => v - 0.02 + 0.1 * (rng.NextDouble() - 0.5)).ToArray();
        return new AdCurveRun(size, seed, new Dictionary<string, double[]> { ["plan"] = plan, ["plan-plugin"] = plugin, ["plan-thompson"] = thompson },
            new Dictionary<string, double> { ["plan"] = 5 + seed, ["plan-plugin"] = 6, ["plan-thompson"] = 7 })
        { HeldOutLogLikelihoodPerEvent = -1 - 0.01 * seed, LaplacePrior = 100 };
    }

    private static (Dictionary<string, double[]>, Dictionary<string, double>) Baselines(Random rng) =>
        (new[] { "logging", "never", "oracle", "oracle-bayes", "always" }.ToDictionary(p => p, _ => Enumerable.Range(0, Users).Select(_ => rng.NextDouble()).ToArray()),
         new Dictionary<string, double> { ["logging"] = 8, ["never"] = 0, ["oracle"] = 4, ["oracle-bayes"] = 1, ["always"] = 16 });

    [Fact]
    public void EachSize_LevelsAndDifferences_AreTheCrossedStatisticsOfItsLogs()
    {
        var rng = new Random(7);
        var runs = new List<AdCurveRun>();
        foreach (int seed in new[] { 4, 5, 6 })
            foreach (int size in new[] { 1000, 250 })
                runs.Add(Run(size, seed, rng, 0.01 * seed - 0.05));
        var (baselines, ads) = Baselines(rng);
        var curve = AdLogSizeCurve.Build(baselines, ads, runs);

        Assert.Equal([250, 1000], curve.Points.Select(p => p.Users));
        Assert.Equal(["oracle", "oracle-bayes", "logging", "never"], curve.References.Select(r => r.Policy));
        var (oracleMean, oracleSe, _, _) = CrossedMean.Pigeonhole([baselines["oracle"]]);
        Assert.Equal((oracleMean, oracleSe, 4.0), (curve.References[0].Utility.Mean, curve.References[0].Utility.StandardError, curve.References[0].AdsPerUser));
        foreach (var point in curve.Points)
        {
            var logs = runs.Where(r => r.Users == point.Users).OrderBy(r => r.LogSeed).ToList();
            Assert.Equal([4, 5, 6], point.LogSeeds);
            Assert.Equal(logs.Select(l => l.HeldOutLogLikelihoodPerEvent), point.HeldOutLogLikelihoodPerEvent);
            Assert.Equal(["plan", "plan-plugin", "plan-thompson"], point.Policies.Select(l => l.Policy));
            foreach (var level in point.Policies)
            {
                var (mean, se, lo, hi) = CrossedMean.Pigeonhole(logs.Select(l => (IReadOnlyList<double>)l.PerUserUtility[level.Policy]).ToList());
                Assert.Equal((mean, se, lo, hi), (level.Utility.Mean, level.Utility.StandardError, level.Utility.Lower, level.Utility.Upper));
                Assert.Equal(logs.Select(l => l.PerUserUtility[level.Policy].Average()), level.PerLog);
                Assert.Equal(logs.Average(l => l.AdsPerUser[level.Policy]), level.AdsPerUser, 12);
            }
            Assert.Equal([("plan", "plan-plugin"), ("plan-thompson", "plan-plugin")], point.Differences.Select(d => (d.Policy, d.Versus)));
            foreach (var diff in point.Differences)
            {
                var d = logs.Select(l => l.PerUserUtility[diff.Policy].Select((v, i) => v - l.PerUserUtility["plan-plugin"][i]).ToArray()).ToList();
                var (mean, se, lo, hi) = CrossedMean.Pigeonhole(d.Select(x => (IReadOnlyList<double>)x).ToList());
                Assert.Equal((mean, se, lo, hi), (diff.Crossed.Mean, diff.Crossed.StandardError, diff.Crossed.Lower, diff.Crossed.Upper));
                Assert.Equal(d.Select(x => x.Average()), diff.PerLog);
                var (_, tLo, tHi) = CrossedMean.StudentTInterval(diff.PerLog);
                Assert.Equal((tLo, tHi), (diff.TLower!.Value, diff.TUpper!.Value));
                double m = diff.PerLog.Average();
                Assert.Equal(Math.Sqrt(diff.PerLog.Sum(x => (x - m) * (x - m)) / 2), diff.BetweenLogSd!.Value, 12);
                Assert.Equal(Math.Sqrt(d.SelectMany(x => x).Average(x => x * x)), diff.PerUserRms, 12);
                Assert.True(diff.PerUserRms > 0.01);
            }
        }
    }

    [Fact]
    public void ALogMissingASize_IsLeftOutAtEverySize()
    {
        var rng = new Random(8);
        var runs = new List<AdCurveRun> { Run(250, 4, rng, 0), Run(500, 4, rng, 0), Run(250, 5, rng, 0), Run(500, 5, rng, 0), Run(250, 6, rng, 0.5) };
        var (baselines, ads) = Baselines(rng);
        var curve = AdLogSizeCurve.Build(baselines, ads, runs);
        Assert.Equal([4, 5], curve.LogSeeds);
        Assert.Equal([6], curve.IncompleteLogSeeds);
        var small = curve.Points[0];
        Assert.Equal([4, 5], small.LogSeeds);
        var expected = CrossedMean.Pigeonhole([runs[0].PerUserUtility["plan"], runs[2].PerUserUtility["plan"]]);
        Assert.Equal(expected.Mean, small.Policies[0].Utility.Mean, 12);   // log 6's shifted plan left out
        Assert.Throws<ArgumentException>(() => AdLogSizeCurve.Build(baselines, ads, [Run(250, 4, rng, 0), Run(500, 5, rng, 0)]));
    }

    [Fact]
    public void OneLog_GivesUsersOnlyIntervals_AndAlikePoliciesGiveZeroDifference()
    {
        var rng = new Random(9);
        var run = Run(500, 4, rng, 0);
        var same = new AdCurveRun(500, 4, new Dictionary<string, double[]> { ["plan"] = run.PerUserUtility["plan-plugin"], ["plan-plugin"] = run.PerUserUtility["plan-plugin"] },
            run.AdsPerUser);
        var (baselines, ads) = Baselines(rng);
        var diff = AdLogSizeCurve.Build(baselines, ads, [same]).Points.Single().Differences.Single();
        Assert.Equal((0.0, 0.0, 0.0), (diff.Crossed.Mean, diff.Crossed.StandardError, diff.PerUserRms));
        Assert.Null(diff.TLower);
        Assert.Null(diff.BetweenLogSd);
    }
}
