using Kairos.Decisions;
using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;
using Kairos.Serving;
using Kairos.Simulation;

namespace Kairos.Tests.Policies.AdDelivery;

/// <summary>
/// The planning policies on a hand-set model whose ad effect has a closed form: H = 1, no recurrence (W_h = W_r = W_t = 0),
/// so h after an event is tanh of that event's embedding: 0.5 after ad 1, 0.9 after ad 2, 0 after every
/// other event. The conversion logit is w·h (the others 0, no gap term), the conversion carries no value (worth 1), and the
/// gap law does not depend on h (Burr XII, tail k = e⁴, so the window holds ≈ 20 gaps and the first one almost surely).
/// An ad therefore changes only the first event after it: Q(d) − Q(none) = P(conv | h_d) − P(conv | 0) − cost_d, and
/// after the first event the rollouts of every decision are the same (same state, same random draws).
/// </summary>
public sealed class AdPlanningPolicyTests
{
    private const double Window = 0.4, Now = 1.0;
    private static readonly double[] AdState = [0.5, 0.9];

    private static AdNetwork Network(double w)
    {
        var layout = new AdModelLayout(1, 3, 2);
        var theta = new double[layout.Length];
        for (int d = 1; d <= 2; d++) theta[layout.Cell.Wm + layout.Cell.ActionInput(d)] = Math.Atanh(AdState[d - 1]);
        theta[layout.TypeW + 2] = w;   // conversion logit = w·h
        theta[layout.TimeB] = Math.Log(0.02 * (Math.Exp(4) - 1));   // Burr scale λ with mean gap λ/(k − 1) = 0.02
        theta[layout.TimeB + 2] = 4;   // ln k
        return new AdNetwork(layout, 1.0, theta);
    }

    private static AdModel Model(params double[] w) =>
        new(Network(w[0]), w.Length > 1 ? w.Skip(1).Select(Network).ToArray() : [], [false, false, false], 2, "days", Window);

    /// <summary>P(conversion | h) with logits (0, 0, w·h, 0).</summary>
    private static double Conversion(double w, double h) => Math.Exp(w * h) / (3 + Math.Exp(w * h));

    private static double Gain(double w, int ad) => Conversion(w, AdState[ad - 1]) - Conversion(w, 0);

    private static AdUserState AtOpportunity(AdNetwork network)
    {
        var user = new AdUserState(network, 0);
        user.Step(new Event(Now, EventKind.Opportunity));
        return user;
    }

    [Fact]
    public void Values_DifferFromNone_ByTheClosedFormGainMinusTheCost()
    {
        const double w = 3;
        var model = Model(w);
        var policy = new AdPlanningPolicy(model, [0.01, 0.2], AdPlanningPolicy.PlugInKind, rollouts: 8);
        var q = policy.Values([AtOpportunity(model.Map)], Now, Now + Window, 77);
        Assert.Equal(Gain(w, 1) - 0.01, q[1] - q[0], 6);
        Assert.Equal(Gain(w, 2) - 0.2, q[2] - q[0], 6);
        Assert.True(q[0] > 1, $"Q(none) = {q[0]}: the window holds about 20 events, a quarter of them conversions");
    }

    /// <summary>The rollout stream (`experiment ad-delivery --rollout-seed`): 0 is the default streams bit for bit; another
    /// stream draws other rollouts (Q(none) moves by Monte-Carlo noise) yet the same ones for every decision (the
    /// closed-form gains hold), and the same stream twice gives the same Q.</summary>
    [Fact]
    public void RolloutStream_ChangesOnlyTheRollouts()
    {
        const double w = 3;
        var model = Model(w);
        double[] Q(int stream) => new AdPlanningPolicy(model, [0.01, 0.2], AdPlanningPolicy.PlugInKind, rollouts: 8, rolloutStream: stream)
            .Values([AtOpportunity(model.Map)], Now, Now + Window, 77);
        var standard = new AdPlanningPolicy(model, [0.01, 0.2], AdPlanningPolicy.PlugInKind, rollouts: 8).Values([AtOpportunity(model.Map)], Now, Now + Window, 77);
        Assert.Equal(standard, Q(0));
        var one = Q(1);
        Assert.Equal(one, Q(1));
        Assert.NotEqual(standard[0], one[0]);
        Assert.NotEqual(one[0], Q(2)[0]);
        Assert.Equal(Gain(w, 1) - 0.01, one[1] - one[0], 6);
        Assert.Equal(Gain(w, 2) - 0.2, one[2] - one[0], 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdPlanningPolicy(model, [0.01, 0.2], AdPlanningPolicy.PlugInKind, rolloutStream: -1));
    }

    /// <summary>The greedy base rule delivers at the later simulated opportunities exactly when an ad pays there: with costs
    /// above both gains it never does (Q equals the "none afterwards" Q bit for bit), with a cheap ad it does, and every Q
    /// rises by the later ads' net gains.</summary>
    [Fact]
    public void GreedyBaseRule_DeliversLaterAds_ExactlyWhenTheyPay()
    {
        const double w = 3;
        var model = Model(w);
        double[] Q(double[] costs, AdContinuation c) =>
            new AdPlanningPolicy(model, costs, AdPlanningPolicy.PlugInKind, rollouts: 8, continuation: c).Values([AtOpportunity(model.Map)], Now, Now + Window, 77);
        double[] dear = [0.36, 0.59], cheap = [0.01, 10];
        Assert.Equal(Q(dear, AdContinuation.None), Q(dear, AdContinuation.Greedy));
        var none = Q(cheap, AdContinuation.None);
        var greedy = Q(cheap, AdContinuation.Greedy);
        for (int d = 0; d < 3; d++)
            Assert.True(greedy[d] > none[d] + 0.5, $"Q({d}): greedy {greedy[d]} against none {none[d]}: a few later opportunities each gain ≈ 0.34");
    }

    [Theory]
    [InlineData(0.0, 0.0, 2)]            // no cost: the ad of larger lift
    [InlineData(0.0, 10.0, 1)]           // ad 2 too dear: ad 1
    [InlineData(0.36, 0.59, 0)]          // both costs above the gains (≈ 0.349 and ≈ 0.582): none
    [InlineData(0.1, 0.4, 1)]            // net 0.249 against 0.182
    [InlineData(0.34, 0.59, 1)]          // only ad 1 pays, barely
    public void Decision_IsTheArgmaxOfGainMinusCost(double cost1, double cost2, int expected)
    {
        const double w = 3;
        Assert.InRange(Gain(w, 1), 0.345, 0.355);
        Assert.InRange(Gain(w, 2), 0.578, 0.588);
        var policy = new AdPlanningPolicy(Model(w), [cost1, cost2], AdPlanningPolicy.PlugInKind, rollouts: 4);
        var state = policy.CreateState(new PolicyContext(2, 0, Horizon: Now + Window), new DecisionRandom(3));
        var decision = state.Decide(new Event(Now, EventKind.Opportunity), []);
        Assert.Equal(expected, decision.Acts ? decision.Mark + 1 : 0);
        Assert.Equal(1, decision.Probability);
    }

    [Fact]
    public void Posterior_AveragesTheMembersGains_AndThompsonFollowsOneMember()
    {
        var model = Model(3, 0.5, 6);   // MAP w = 3; members w = 0.5 and 6
        var posterior = new AdPlanningPolicy(model, [0, 0], AdPlanningPolicy.PosteriorKind, rollouts: 8);
        var q = posterior.Values(model.Members.Select(AtOpportunity).ToArray(), Now, Now + Window, 5);
        Assert.Equal((Gain(0.5, 1) + Gain(6, 1)) / 2, q[1] - q[0], 6);
        Assert.Equal((Gain(0.5, 2) + Gain(6, 2)) / 2, q[2] - q[0], 6);
        var thompson = new AdPlanningPolicy(model, [0, 0], AdPlanningPolicy.ThompsonKind, rollouts: 4);
        var members = Enumerable.Range(0, 40).Select(u => thompson.CreateState(new PolicyContext(2, 0), new DecisionRandom((ulong)u + 1)).Snapshot().Integers[0]).ToList();
        Assert.Contains(0L, members);
        Assert.Contains(1L, members);
    }

    [Fact]
    public void Evaluation_IsTheSameAtAnyThreadCount_AndServedFileDecidesTheSame()
    {
        var model = Model(3, 0.5, 6);
        var policy = new AdPlanningPolicy(model, [0.15, 0.3], AdPlanningPolicy.PosteriorKind, rollouts: 4);
        var env = new PosteriorPredictiveEnvironment(model, policy.Costs);
        var one = Evaluator.Evaluate(env, [policy], 12, 4, maxDegreeOfParallelism: 1)[0];
        var two = Evaluator.Evaluate(env, [policy], 12, 4, maxDegreeOfParallelism: 2)[0];
        Assert.Equal(one.Values("utility"), two.Values("utility"));
        Assert.InRange(one.MeanActions, 0.5, 1e9);

        var served = PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(AdPolicyFile.ToJson(policy)), "ads", 7, "policy.json");
        Assert.Equal(policy.ParameterHash, served.Policy.ParameterHash);
        var context = new PolicyContext(2, 0, Horizon: 3);
        IPolicyState a = policy.CreateState(context, new DecisionRandom(5)), b = served.Policy.CreateState(context, new DecisionRandom(5));
        for (int k = 1; k <= 10; k++)
        {
            var e = new Event(0.25 * k, EventKind.Opportunity);
            var d = a.Decide(e, []);
            Assert.Equal(d, b.Decide(e, []));
            if (d.Acts) foreach (var s in new[] { a, b }) s.Observe(e with { Kind = EventKind.Action, Mark = d.Mark }, []);
        }
        Assert.Equal(a.Snapshot(), b.Snapshot());
    }

    [Fact]
    public void PolicyFile_KeepsTheBaseRule_AndOldFilesMeanNone()
    {
        var greedy = new AdPlanningPolicy(Model(3), [0, 0], AdPlanningPolicy.PlugInKind, rollouts: 4, continuation: AdContinuation.Greedy);
        var json = AdPolicyFile.ToJson(greedy);
        Assert.Contains("\"baseRule\":\"greedy\"", json);
        var back = (AdPlanningPolicy)PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json), "ads", 1, "p.json").Policy;
        Assert.Equal(AdContinuation.Greedy, back.Continuation);
        var old = (AdPlanningPolicy)PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json.Replace(",\"baseRule\":\"greedy\"", "")), "ads", 1, "p.json").Policy;
        Assert.Equal(AdContinuation.None, old.Continuation);
        var e = Assert.Throws<UserInputException>(() => PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json.Replace("\"greedy\"", "\"greed\"")), "ads", 1, "p.json"));
        Assert.Contains("'baseRule'", e.Message);
    }

    [Fact]
    public void PolicyFile_WithABadRolloutCount_IsRefusedNamingTheField()
    {
        var json = AdPolicyFile.ToJson(new AdPlanningPolicy(Model(3), [0, 0], AdPlanningPolicy.PlugInKind, rollouts: 4)).Replace("\"rollouts\":4", "\"rollouts\":0");
        var e = Assert.Throws<UserInputException>(() => PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json), "ads", 1, "p.json"));
        Assert.Contains("'rollouts'", e.Message);
    }
}
