using Kairos.Environments.SpacedRepetition;
using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Tests.Learning;

public class TrainerRewardTests
{
    [Fact]
    public void Evaluate_ActionCost_SubtractsCostTimesActionsFromTheMetric()
    {
        // Given a counting user (reward = number of actions) and a near-Poisson policy at rate 2 over T = 10
        var env = new CountingEnvironment(10);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(1), hidden: 3, initialRate: 2);
        var free = new PolicyGradientTrainer(env, new TrainerOptions { Regularizers = new RegularizerWeights(0) });
        var priced = new PolicyGradientTrainer(env, new TrainerOptions { Regularizers = new RegularizerWeights(0), ActionCost = 0.25 });
        // When both score the same episodes
        var a = free.Evaluate(policy, 40, seed: 5);
        var b = priced.Evaluate(policy, 40, seed: 5);
        // Then reward(priced) = reward − 0.25·actions = 0.75·actions, and the actions are unchanged
        Assert.Equal(a.Actions, b.Actions);
        Assert.Equal(a.Actions, a.Reward, 12);
        Assert.Equal(0.75 * a.Actions, b.Reward, 12);
    }

    [Fact]
    public void Evaluate_RewardMetric_TrainsOnTheNamedMetricAndRejectsUnknownOnes()
    {
        // Given a student and a near-Poisson reviewer
        var env = new SpacedRepetitionScenario().CreateEnvironment();
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(2), hidden: 3, initialRate: 20);
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions { Regularizers = new RegularizerWeights(0), RewardMetric = "expected_recall" });
        // When scored on expected recall, the mean equals the evaluator's expected_recall on the same episodes
        var estimate = trainer.Evaluate(policy, 8, seed: 3);
        var reference = Kairos.Simulation.Evaluator.Evaluate(env, [policy], 8, 3)[0].Summary("expected_recall").Mean;
        Assert.Equal(reference, estimate.Reward, 12);
        // And an unknown metric is refused when the trainer is built, named with a suggestion and the valid ones
        var e = Assert.Throws<ArgumentException>(() => new PolicyGradientTrainer(env, new TrainerOptions { RewardMetric = "recal" }));
        Assert.Contains("Did you mean 'recall'?", e.Message);
        Assert.Contains("'recal'", e.Message);
        Assert.Contains("expected_recall", e.Message);
    }

    [Fact]
    public void Create_InitialRate_StartsNearPoissonAtThatRate()
    {
        // Given a near-Poisson start at 3 actions per unit on a counting user over T = 10
        var env = new CountingEnvironment(10);
        var layout = NeuralTppPolicy.LayoutFor(env.Spec.Context, 8, null);
        var theta = TpprlInitializer.Create(layout, new Random(4), initialRate: 3);
        // Then b = ln 3, w = 0 and |v|·1 ≤ 0.1·(the authors' draw), so λ ∈ 3·e^{±‖v‖₁}
        Assert.Equal(Math.Log(3), theta[layout.B], 14);
        Assert.Equal(0, theta[layout.W]);
        var authors = TpprlInitializer.Create(layout, new Random(4));
        for (int i = 0; i < 8; i++) Assert.Equal(0.1 * authors[layout.V + i], theta[layout.V + i], 14);
        // And its mean count over 200 episodes is within 15% of 30 (vs e^{b}·T for the authors' start)
        var policy = new NeuralTppPolicy(layout, theta);
        double mean = Kairos.Simulation.Evaluator.Evaluate(env, [policy], 200, 6)[0].MeanActions;
        Assert.InRange(mean, 30 * 0.85, 30 * 1.15);
    }
}
