using Kairos.Evaluation;
using Kairos.Neural.AdDelivery;
using Kairos.Policies;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Evaluation;

public sealed class AdUpliftDiagnosisTests
{
    private static AdModel RandomModel()
    {
        var layout = new AdModelLayout(4, 3, 3);
        var rng = new Random(5);
        AdNetwork Net() => new(layout, 0.3, AdFixtures.RandomTheta(layout, rng, 0.5));
        return new AdModel(Net(), [Net(), Net()], [false, false, true], 2, "days", 14, [0.02, 0.05, 0.10]);
    }

    private static AdUpliftDiagnosisResult Run(int threads) =>
        AdUpliftDiagnosis.Run(RandomModel(), new RandomChoicePolicy(0.5, "logging"), 24, 3, rollouts: 2, referenceRollouts: 4, particles: 256, threads: threads);

    [Fact]
    public void TrueUplift_FallsWithRecentAds_AndTheInferredOneFollowsIt()
    {
        var r = Run(-1);
        var truth = r.Bins.Select(b => b.Sources.Single(s => s.Source == AdUpliftDiagnosis.Truth)).ToList();
        // bins: all, 0, 1, 2, 3+ recent ads; fatigue scales every ad's lift by exp(−fφ), so the fresh bin beats the tired one
        for (int m = 0; m < 3; m++) Assert.True(truth[1].Uplift[m] > truth[4].Uplift[m], $"ad {m + 1}: {truth[1].Uplift[m]} vs {truth[4].Uplift[m]}");
        Assert.Equal(r.Opportunities, r.Bins.Skip(1).Sum(b => b.Opportunities));
        Assert.True(r.CorrelationWithTruth[AdUpliftDiagnosis.Inferred] > 0.3, $"inferred {r.CorrelationWithTruth[AdUpliftDiagnosis.Inferred]}");
        Assert.InRange(r.TrueValuePerConversion, 0.5, 2);
        // acting on the true uplift is worth the most, one decision at a time, and never less than doing nothing
        var all = r.Bins[0].Sources.ToDictionary(s => s.Source);
        Assert.True(all[AdUpliftDiagnosis.Truth].TrueValueOfChoice > 0);
        foreach (var s in all.Values) Assert.True(s.TrueValueOfChoice <= all[AdUpliftDiagnosis.Truth].TrueValueOfChoice + 1e-12, s.Source);
    }

    [Fact]
    public void Diagnosis_IsTheSameAtOneAndManyThreads()
    {
        var a = Run(1);
        var b = Run(2);
        Assert.Equal(a.Opportunities, b.Opportunities);
        Assert.Equal(a.ModelNoAdValue, b.ModelNoAdValue);
        for (int i = 0; i < a.Bins.Count; i++)
            for (int s = 0; s < a.Bins[i].Sources.Count; s++)
                Assert.Equal(a.Bins[i].Sources[s].Uplift, b.Bins[i].Sources[s].Uplift);
    }
}
