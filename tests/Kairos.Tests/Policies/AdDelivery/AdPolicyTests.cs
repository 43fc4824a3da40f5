using Kairos.Decisions;
using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;
using Kairos.Serving;
using Kairos.Simulation;
using Kairos.Tests.Learning.AdDelivery;

namespace Kairos.Tests.Policies.AdDelivery;

public sealed class AdPolicyTests
{
    private static readonly PolicyContext Context = new(2, 0);

    [Fact]
    public void Myopic_WithAProhibitiveCost_NeverActs_AndWithNoCostActsSometimes()
    {
        var model = AdTestModels.Small();
        int Acts(double cost)
        {
            var state = AdPolicyFile.Create(AdMyopicPolicy.KindName, model, cost).CreateState(Context, new DecisionRandom(1));
            int acts = 0;
            for (int k = 1; k <= 30; k++)
            {
                var d = state.Decide(new Event(k * 0.7, EventKind.Opportunity), []);
                if (d.Acts) { acts++; state.Observe(new Event(k * 0.7, EventKind.Action, d.Mark), []); }
                state.Observe(new Event(k * 0.7 + 0.3, EventKind.Feedback, k % 3), []);
            }
            return acts;
        }
        Assert.Equal(0, Acts(1e6));
        Assert.True(Acts(0) > 0);
    }

    [Fact]
    public void PolicyFile_LoadedByTheDecisionService_DecidesLikeTheOriginal()
    {
        var model = AdTestModels.Small();
        var xi = Enumerable.Range(0, AdSoftmaxPolicy.Length(model.Layout)).Select(i => Math.Cos(i)).ToArray();
        var policy = AdPolicyFile.Create(AdSoftmaxPolicy.LearnedKind, model, 0.3, xi);
        var served = PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(AdPolicyFile.ToJson(policy)), "ads", 7, "policy.json");
        Assert.Equal(policy.ParameterHash, served.Policy.ParameterHash);
        var a = policy.CreateState(Context, new DecisionRandom(5));
        var b = served.Policy.CreateState(served.Context, new DecisionRandom(5));
        for (int k = 1; k <= 20; k++)
            Assert.Equal(a.Decide(new Event(k, EventKind.Opportunity), []), b.Decide(new Event(k, EventKind.Opportunity), []));
    }

    [Fact]
    public void PolicyFile_UnknownKind_IsRefusedNamingTheField()
    {
        var json = AdPolicyFile.ToJson(AdPolicyFile.Create(AdMyopicPolicy.KindName, AdTestModels.Small(), 1)).Replace("\"ad-myopic\"", "\"ad-myopik\"");
        var e = Assert.Throws<UserInputException>(() => PolicyFiles.Parse(System.Text.Encoding.UTF8.GetBytes(json), "ads", 1, "p.json"));
        Assert.Contains("'kind'", e.Message);
        Assert.Contains("ad-myopic", e.Message);
    }

    [Fact]
    public void PolicyGradient_WhenAdsDoNothingButCost_LearnsToDeliverNothing()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var truth = RenewalUsers.Truth(layout);
        var model = new AdModel(truth, [], [false, false, true], 2, "units", 30);
        var result = AdPolicyTrainer.Train(model, AdSoftmaxPolicy.PlugInKind, new AdPolicyTrainOptions(Iterations: 40, Batch: 16, LearningRate: 0.1, ActionCost: 2), 3);
        var env = new PosteriorPredictiveEnvironment(model, 2);
        var actions = Evaluator.Evaluate(env, [result.Policy], 200, 9)[0].Values("actions").Average();
        var uniformActions = Evaluator.Evaluate(env, [new AdSoftmaxPolicy(model, AdPolicy.Uniform(layout.Ads, 2), new double[AdSoftmaxPolicy.Length(layout)], AdSoftmaxPolicy.PlugInKind)], 200, 9)[0]
            .Values("actions").Average();
        Assert.True(actions < 0.3 * uniformActions, $"trained {actions} ads per user vs {uniformActions} at the uniform start");
    }
}
