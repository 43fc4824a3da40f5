using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Policies.AdDelivery;

/// <summary>Ad policies replayed along logs for off-policy evaluation (<see cref="IReplayableChoiceState"/>).</summary>
public sealed class AdPolicyReplayTests
{
    private static AdModel Model(int seed = 5)
    {
        var layout = new AdModelLayout(4, 3, 3, AdModelLayout.DefaultExposureDecays);
        var rng = new Random(seed);
        AdNetwork Net() => new(layout, 0.3, AdFixtures.RandomTheta(layout, rng, 0.8));
        return new AdModel(Net(), [Net(), Net()], [false, false, true], 2, "days", 14, [0.02, 0.05, 0.1]);
    }

    private static IEnumerable<AdPolicy> Policies(AdModel model)
    {
        var xi = Enumerable.Range(0, AdSoftmaxPolicy.Length(model.Layout)).Select(i => Math.Sin(3 * i)).ToArray();
        double[] costs = [0.02, 0.05, 0.1];
        yield return AdPolicyFile.Create(AdSoftmaxPolicy.LearnedKind, model, costs, xi);
        yield return AdPolicyFile.Create(AdThompsonPolicy.KindName, model, costs);
        yield return AdPolicyFile.Create(AdMyopicPolicy.KindName, model, [0, 0, 0]);
        foreach (var kind in AdPlanningPolicy.Kinds) yield return AdPolicyFile.Create(kind, model, costs, null, null, rollouts: 2, lookahead: 1.5);
        yield return AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, model, costs, null, null, rollouts: 2, lookahead: 1.5, AdContinuation.Greedy);
        yield return AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, model, costs, null, null, rollouts: 2, lookahead: 1.5, historyWeighted: true);
    }

    [Fact]
    public void Replay_OfTheDecisionTaken_GivesItsProbability_AndLeavesTheSameState()
    {
        var context = new PolicyContext(3, 0);
        foreach (var policy in Policies(Model()))
        {
            IPolicyState live = policy.CreateState(context, new DecisionRandom(9)), replayed = policy.CreateState(context, new DecisionRandom(9));
            var p = new double[4];
            for (int k = 1; k <= 25; k++)
            {
                var opportunity = new Event(0.4 * k, EventKind.Opportunity);
                var d = live.Decide(opportunity, []);
                ((IReplayableChoiceState)replayed).Replay(opportunity, [], p, d.Mark);
                Assert.Equal(d.Probability, p[AdMarks.FromDecision(d.Mark)], 15);
                Assert.Equal(1, p.Sum(), 12);
                if (d.Acts)
                    foreach (var s in new[] { live, replayed }) s.Observe(new Event(opportunity.Time, EventKind.Action, d.Mark), []);
                foreach (var s in new[] { live, replayed }) s.Observe(new Event(0.4 * k + 0.1, EventKind.Feedback, k % 3, k % 3 == 2 ? 1.5 : null), []);
            }
            Assert.Equal(live.Snapshot(), replayed.Snapshot());
        }
    }

    [Fact]
    public void OffPolicy_OfTheLoggingPolicyItself_HasUnitRatios_SoIpsAndSnipsAreTheLoggedMean()
    {
        var model = Model();
        var policy = Policies(model).First();
        var sim = AdLogSimulator.Simulate(new AdDeliveryEnvironment(), policy, 60, 4, threads: 1);
        var r = OffPolicyEstimators.Estimate(sim.Log, policy, new AdModelUtilityModel(policy, 2, 1), 7, 1);
        double logged = sim.Log.Users.Average(u => u.Utility());
        Assert.Equal(logged, r.Ips.Value, 10);
        Assert.Equal(logged, r.Snips.Value, 10);
        Assert.Equal(60, r.Ips.EffectiveSampleSize, 10);
        Assert.True(double.IsFinite(r.Dr!.Value) && r.Dr.StandardError > 0);
    }

    [Fact]
    public void ModelDirectMethod_WhenDecisionsDoNotMoveTheState_DiffersByExactlyTheAdCost()
    {
        var model = Model();
        var layout = model.Layout;
        var theta = (double[])model.Map.Theta.Clone();
        int n = layout.Hidden, rows = layout.Cell.Wm;
        for (int d = 1; d <= layout.Ads; d++)   // every ad's input row = the "none" row: decisions cannot change the future
            Array.Copy(theta, rows + layout.Input(EventKind.Action, 0) * n, theta, rows + layout.Input(EventKind.Action, d) * n, n);
        for (int i = 0; i < n; i++)             // nor can the exposure inputs (their weights 0)
            for (int c = 1; c < layout.FeatureSize; c++) theta[layout.Cell.Wr + i * layout.FeatureSize + c] = 0;
        var same = new AdModel(model.Map.WithTheta(theta), [], model.ValuedMarks, 2, "days", 14, [0.02, 0.05, 0.1]);
        var policy = AdPolicyFile.Create(AdSoftmaxPolicy.PlugInKind, same, [0.02, 0.05, 0.1], new double[AdSoftmaxPolicy.Length(layout)]);
        var log = AdLogSimulator.Simulate(new AdDeliveryEnvironment(), new Kairos.Policies.RandomChoicePolicy(0.5), 3, 1, threads: 1).Log;
        var q = new AdModelUtilityModel(policy, 3, 2);
        foreach (var user in log.Users)
            for (int k = 0; k < user.Decisions.Count; k++)
                for (int a = 1; a <= 3; a++)
                    Assert.Equal(-policy.CostOf(a), q.ExpectedUtility(user, k, a) - q.ExpectedUtility(user, k, 0), 9);
        Assert.NotEqual(q.ExpectedUtility(log.Users[0], 0, 0), new AdModelUtilityModel(policy, 3, 3).ExpectedUtility(log.Users[0], 0, 0));
    }
}
