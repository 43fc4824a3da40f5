using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Neural.AdDelivery;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Learning.OffPolicy;

/// <summary>The off-policy choice of a planner's delivery margin (<see cref="AdMarginSelector"/>).</summary>
public sealed class AdMarginSelectorTests
{
    /// <summary>One decision per user, logged half the time as ad 1 (propensity 0.5) and half as none. Users of kind A: the
    /// model's gain of ad 1 is 0.05 and the ad truly earns 1; kind B: gain 0.02, the ad truly loses 1. Margin 0 delivers to
    /// both (SNIPS (2·1 + 2·(−1))/4 = 0), 0.03 to A only ((2·1 + 2·0)/4 = 0.5), 0.1 to neither (0): 0.03 must be chosen.</summary>
    [Fact]
    public void ConstructedLog_ChoosesTheMarginThatDeliversOnlyWhereTheAdPays()
    {
        AdPlannerTrace User(double gain, int logged, double reward) =>
            new(0, [reward], [logged], [0.5], [[1.0, 1.0 + gain, 0.5]]);
        var traces = new[] { User(0.05, 1, 1), User(0.05, 0, 0), User(0.02, 1, -1), User(0.02, 0, 0) };
        var selection = AdMarginSelector.Select(traces, [0.1, 0, 0.03]);
        Assert.Equal(0.03, selection.Margin);
        Assert.Equal([0, 0.03, 0.1], selection.Candidates.Select(c => c.Margin));
        Assert.Equal([0, 0.5, 0], selection.Candidates.Select(c => Math.Round(c.Snips, 12)));
        Assert.Equal([1, 0.5, 0], selection.Candidates.Select(c => c.ActShare));
    }

    [Fact]
    public void Choose_DeliversOnlyAboveTheMargin_AndIsBestAtMarginZero()
    {
        double[] q = [1, 1.25, 1.5];
        Assert.Equal(2, AdPlanningPolicy.Choose(q, 0));
        Assert.Equal(2, AdPlanningPolicy.Choose(q, 0.4));
        Assert.Equal(0, AdPlanningPolicy.Choose(q, 0.5));   // exactly the margin: not more
        Assert.Equal(1, AdPlanningPolicy.Choose([1, 1.5, 1.5], 0.25));   // ties: the lowest ad
        var rng = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            var v = Enumerable.Range(0, 4).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray();
            Assert.Equal(AdPlanningPolicy.Best(v), AdPlanningPolicy.Choose(v, 0));
        }
    }

    private static AdModel Model()
    {
        var layout = new AdModelLayout(4, 3, 3, AdModelLayout.DefaultExposureDecays);
        var rng = new Random(11);
        AdNetwork Net() => new(layout, 0.3, AdFixtures.RandomTheta(layout, rng, 0.8));
        return new AdModel(Net(), [Net(), Net()], [false, false, true], 2, "days", 14, [0.02, 0.05, 0.1]);
    }

    /// <summary>Recording Q once and deciding under each margin from it gives exactly the SNIPS estimate of a full replay of the
    /// planner with that margin (<see cref="OffPolicyEstimators"/>), at any thread count.</summary>
    [Fact]
    public void TracedEstimate_EqualsTheFullReplayOfThePlannerWithThatMargin()
    {
        var model = Model();
        double[] costs = [0.02, 0.05, 0.1];
        var log = AdLogSimulator.Simulate(new AdDeliveryEnvironment(), new RandomChoicePolicy(0.5), 12, 4, threads: 1).Log;
        AdPlanningPolicy Planner(double margin) =>
            (AdPlanningPolicy)AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, model, costs, null, null, rollouts: 2, lookahead: 1.5, margin: margin);
        var traces = AdMarginSelector.Trace(log, Planner(0), 5, threads: 1);
        var parallel = AdMarginSelector.Trace(log, Planner(0), 5, threads: 4);
        Assert.Equal(traces.SelectMany(t => t.Q.SelectMany(q => q)), parallel.SelectMany(t => t.Q.SelectMany(q => q)));
        var gains = traces.SelectMany(t => t.Q).Select(q => q.Skip(1).Max() - q[0]).Order().ToArray();
        double median = gains[gains.Length / 2];
        Assert.True(gains[0] < median && median < gains[^1], "the margins below must change some decisions");
        foreach (double margin in new[] { 0, Math.Max(0, median), 10 })
        {
            var traced = AdMarginSelector.Estimate(traces, margin);
            var replayed = OffPolicyEstimators.Estimate(log, Planner(margin), seed: 5, threads: 1, resamples: 0).Snips;
            Assert.Equal(replayed.Value, traced.Snips, 12);
            Assert.Equal(replayed.StandardError, traced.StandardError, 12);
        }
    }

    [Fact]
    public void PolicyFile_KeepsTheMargin_AndRefusesANegativeOne()
    {
        var model = Model();
        var policy = AdPolicyFile.Create(AdPlanningPolicy.PlugInKind, model, [0.02, 0.05, 0.1], null, null, rollouts: 3, margin: 0.04);
        var json = System.Text.Json.Nodes.JsonNode.Parse(AdPolicyFile.ToJson(policy))!.AsObject();
        var back = (AdPlanningPolicy)AdPolicyFile.Parse(json, "p.json");
        Assert.Equal(0.04, back.Margin);
        Assert.Equal(policy.ParameterHash, back.ParameterHash);
        Assert.NotEqual(AdPolicyFile.Create(AdPlanningPolicy.PlugInKind, model, [0.02, 0.05, 0.1], null, null, rollouts: 3).ParameterHash, policy.ParameterHash);
        json["margin"] = -0.01;
        var e = Assert.Throws<UserInputException>(() => AdPolicyFile.Parse(json, "p.json"));
        Assert.Contains("margin", e.Message);
    }
}
