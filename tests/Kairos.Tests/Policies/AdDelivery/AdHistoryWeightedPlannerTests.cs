using Kairos.Decisions;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;
using Kairos.Serving;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Policies.AdDelivery;

/// <summary>The posterior planner whose members are weighted by the user's own history (<see cref="AdPlanningPolicy.HistoryWeighted"/>):
/// the weights, the weighted Q against a brute-force mixture of the per-member planners, and the live state's
/// log-likelihoods against the batch likelihood of the events it saw.</summary>
public sealed class AdHistoryWeightedPlannerTests
{
    private static readonly double[] Costs = [0.02, 0.05, 0.1];

    private static AdModel Model(int seed = 5)
    {
        var layout = new AdModelLayout(4, 3, 3, AdModelLayout.DefaultExposureDecays);
        var rng = new Random(seed);
        AdNetwork Net() => new(layout, 0.3, AdFixtures.RandomTheta(layout, rng, 0.8));
        return new AdModel(Net(), [Net(), Net()], [false, false, true], 2, "days", 14, Costs);
    }

    [Fact]
    public void Weights_SumToOne_AreEqualForEqualLikelihoods_AndMatchTheDirectFormula()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int k = 1 + rng.Next(20);
            var l = Enumerable.Range(0, k).Select(_ => -50 * rng.NextDouble()).ToArray();
            var w = AdPlanningPolicy.HistoryWeights(l);
            Assert.Equal(1, w.Sum(), 12);
            double z = l.Sum(Math.Exp);
            for (int i = 0; i < k; i++) Assert.Equal(Math.Exp(l[i]) / z, w[i], 1e-12 + 1e-9 * w[i]);
            var shifted = AdPlanningPolicy.HistoryWeights(l.Select(x => x - 5000).ToArray());   // far below e^x's range: no underflow
            for (int i = 0; i < k; i++) Assert.Equal(w[i], shifted[i], 1e-12);
        }
        foreach (double same in new[] { 0.0, -3.7, -1e6 })
            Assert.All(AdPlanningPolicy.HistoryWeights([same, same, same, same]), x => Assert.Equal(0.25, x));
        Assert.Throws<ArgumentException>(() => AdPlanningPolicy.HistoryWeights([0, double.NaN]));
    }

    /// <summary>Rollout r follows member r mod K with the random numbers of (key, r), so with two members and two rollouts
    /// the unweighted Q is (Q₀ + Q₁)/2, Q₀ is the plug-in planner on member 0 with one rollout, and the weighted Q must be
    /// w₀Q₀ + w₁Q₁.</summary>
    [Fact]
    public void WeightedQ_IsTheLikelihoodWeightedMixtureOfTheMembersQ()
    {
        var model = Model();
        const double now = 2.0, lookahead = 1.5;
        var weighted = new AdPlanningPolicy(model, Costs, AdPlanningPolicy.PosteriorKind, rollouts: 2, lookahead: lookahead, historyWeighted: true);
        var plain = new AdPlanningPolicy(model, Costs, AdPlanningPolicy.PosteriorKind, rollouts: 2, lookahead: lookahead);
        var member0 = new AdPlanningPolicy(new AdModel(model.Posterior[0], [], model.ValuedMarks, 2, "days", 14, Costs), Costs,
            AdPlanningPolicy.PlugInKind, rollouts: 1, lookahead: lookahead);
        var users = model.Posterior.Select(n => new AdUserState(n) { TracksLikelihood = true }).ToArray();
        foreach (var u in users)
            foreach (var e in new[] { new Event(0.5, EventKind.Feedback, 1), new Event(now, EventKind.Opportunity) }) u.Step(e);
        const ulong key = 0x5EED;
        double[] q0 = member0.Values([users[0]], now, 100, key), qPlain = plain.Values(users, now, 100, key);
        var q1 = qPlain.Select((q, d) => 2 * q - q0[d]).ToArray();
        foreach (var (l0, l1) in new[] { (0.0, 0.0), (-1.0, -2.5), (0.0, -1000.0), (-4.0, 1.0) })
        {
            users[0].LogLikelihood = l0;
            users[1].LogLikelihood = l1;
            var w = AdPlanningPolicy.HistoryWeights([l0, l1]);
            var q = weighted.Values(users, now, 100, key);
            for (int d = 0; d < q.Length; d++) Assert.Equal(w[0] * q0[d] + w[1] * q1[d], q[d], 1e-12 * Math.Max(1, Math.Abs(q[d])));
        }
        Assert.NotEqual(weighted.ParameterHash, plain.ParameterHash);
    }

    [Fact]
    public void LiveState_CarriesEachMembersLogLikelihoodOfWhatItSaw_ThroughSnapshots()
    {
        var model = Model();
        var policy = new AdPlanningPolicy(model, Costs, AdPlanningPolicy.PosteriorKind, rollouts: 2, lookahead: 1.5, historyWeighted: true);
        var context = new PolicyContext(3, 0);
        var state = policy.CreateState(context, new DecisionRandom(9));
        var seen = new List<Event>();
        for (int k = 1; k <= 12; k++)
        {
            var opportunity = new Event(0.4 * k, EventKind.Opportunity);
            var d = state.Decide(opportunity, []);
            seen.Add(opportunity);
            if (d.Acts) state.Observe(new Event(opportunity.Time, EventKind.Action, d.Mark), []);
            seen.Add(new Event(opportunity.Time, EventKind.Action, d.Acts ? d.Mark + 1 : 0));
            var feedback = new Event(0.4 * k + 0.1, EventKind.Feedback, k % 3, k % 3 == 2 ? 1.5 : null);
            state.Observe(feedback, []);
            seen.Add(feedback);
        }
        var snapshot = state.Snapshot();
        var sums = snapshot.Reals.TakeLast(model.Posterior.Count).ToArray();
        var history = new AdUserSequence("u", seen, seen[^1].Time, model.Layout);
        for (int i = 0; i < sums.Length; i++)
        {
            double batch = AdLikelihood.Evaluate(model.Posterior[i], history, new AdLikelihoodWorkspace(model.Layout)).Total;
            Assert.Equal(batch, sums[i], 1e-9 * Math.Abs(batch));
        }
        Assert.NotEqual(sums[0], sums[1]);
        var restored = policy.Restore(snapshot, context);
        Assert.Equal(snapshot, restored.Snapshot());
        var next = new Event(6, EventKind.Opportunity);
        Assert.Equal(state.Decide(next, []), restored.Decide(next, []));
    }

    [Fact]
    public void PolicyFile_KeepsTheWeighting_AndRefusesItForOtherKinds()
    {
        var policy = new AdPlanningPolicy(Model(), Costs, AdPlanningPolicy.PosteriorKind, rollouts: 2, historyWeighted: true);
        var json = AdPolicyFile.ToJson(policy);
        Assert.Contains("\"historyWeighted\":true", json);
        var back = (AdPlanningPolicy)PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json), "ads", 1, "p.json").Policy;
        Assert.True(back.HistoryWeighted);
        Assert.Equal(policy.ParameterHash, back.ParameterHash);
        var e = Assert.Throws<UserInputException>(() => PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json.Replace("\"ad-plan\"", "\"ad-plan-thompson\"")), "ads", 1, "p.json"));
        Assert.Contains("'historyWeighted'", e.Message);
        Assert.Throws<ArgumentException>(() => new AdPlanningPolicy(Model(), Costs, AdPlanningPolicy.PlugInKind, historyWeighted: true));
    }
}
