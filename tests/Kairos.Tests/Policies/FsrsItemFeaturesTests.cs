using Kairos.Decisions;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.PointProcesses;
using Kairos.Policies;

namespace Kairos.Tests.Policies;

/// <summary>The per-item memory features against FSRS-6 replayed by hand from the same observed history.</summary>
public class FsrsItemFeaturesTests
{
    [Fact]
    public void Features_follow_the_fsrs_replay_of_the_observed_reviews()
    {
        var p = FsrsParameters.Default;
        var model = new FsrsModel(p);
        double[] difficulty = [3, 8];
        var features = new FsrsItemFeatures(p, difficulty, horizon: 14, testDelay: 2);
        var state = features.Start(new PolicyContext(2, 1, Horizon: 14, Origin: 1));
        state.Observe(new Event(3, EventKind.Action, 1, 1), [1]);     // item 1 recalled at t = 3
        state.Observe(new Event(6.5, EventKind.Action, 1, 0), [0]);   // forgotten at t = 6.5
        var phi = new double[2 * FsrsItemFeatures.Features];
        state.WriteItems(9, phi);

        var s0 = model.Initial(FsrsRating.Good).Stability;
        var s1 = model.Next(model.Next(new(s0, 8), 2, FsrsRating.Good), 3.5, FsrsRating.Again);
        double test = 1 + 14 + 2, now = model.Retrievability(9 - 6.5, s1.Stability), atTest = model.Retrievability(test - 6.5, s1.Stability);
        double gain = now * model.Retrievability(test - 9, model.Next(s1, 2.5, FsrsRating.Good).Stability)
            + (1 - now) * model.Retrievability(test - 9, model.Next(s1, 2.5, FsrsRating.Again).Stability) - atTest;
        double[] item1 = [1 - now, 1 - atTest, gain, 2.5 / 14, Math.Log(3) / Math.Log(10), 0];
        for (int j = 0; j < item1.Length; j++) Assert.Equal(item1[j], phi[FsrsItemFeatures.Features + j], 12);
        // Item 0 was never reviewed: introduced at the origin with a Good rating (S = w2).
        Assert.Equal(1 - model.Retrievability(8, s0), phi[0], 12);
        Assert.Equal(8.0 / 14, phi[3], 12);
        Assert.Equal(0, phi[4]);
        Assert.Equal(1, phi[5]);
        Assert.True(phi[2] > 0 && gain > 0);   // a review before the test helps

        var summary = new double[2];
        state.WriteSummary(9, summary);
        Assert.Equal((phi[0] + item1[0]) / 2, summary[0], 12);
        Assert.Equal((phi[1] + item1[1]) / 2, summary[1], 12);
    }

    [Fact]
    public void Saved_state_restores_the_same_features_and_a_bad_one_is_refused()
    {
        var features = new FsrsItemFeatures(FsrsParameters.Default, [3, 5, 9], 14, 2);
        var context = new PolicyContext(3, 1, Horizon: 14);
        var a = features.Start(context);
        a.Observe(new Event(2, EventKind.Action, 2, 1), [1]);
        var saved = new double[a.StateLength];
        a.Save(saved);
        var b = features.Start(context);
        b.Load(saved);
        double[] pa = new double[18], pb = new double[18];
        a.WriteItems(5, pa);
        b.WriteItems(5, pb);
        Assert.Equal(pa, pb);
        saved[0] = -1;
        Assert.Throws<PolicyContextException>(() => b.Load(saved));
    }
}
