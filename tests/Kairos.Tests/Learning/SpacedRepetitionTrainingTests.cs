using Kairos.Environments.SpacedRepetition;
using Kairos.Learning;
using Kairos.Numerics;
using Kairos.Policies;
using Xunit.Abstractions;
using Kairos.Scenarios;

namespace Kairos.Tests.Learning;

public class SpacedRepetitionTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_TimedSpacedRepetitionDefaults_ImprovesOnTheNearPoissonStart(bool wtZero)
    {
        // Given the scenario's recipe (expected recall − 3e-4 per review, near-Poisson start at 71.4 reviews/day)
        var scenario = new TimedSpacedRepetitionScenario();
        var defaults = scenario.TrainingDefaults;
        var env = scenario.CreateEnvironment();
        var start = NeuralTppPolicy.Initialize(env.Spec.Context, SeedSequence.Stream(3, 0), defaults.Hidden, scenario.EventFeatures,
            fixedZeroDecay: wtZero, initialRate: defaults.InitialRate);
        var options = defaults.Options with { Iterations = 100, BatchSize = 16, EvaluateEvery = 0, Seed = 3 };
        var trainer = new PolicyGradientTrainer(env, options);
        var before = trainer.Evaluate(start, 64, seed: 99);
        // When it trains for 100 updates
        var result = trainer.Train(start);
        var after = trainer.Evaluate(result.Policy, 64, seed: 99);
        output.WriteLine($"before {before.Objective:F4} ({before.Actions:F0} reviews), after {after.Objective:F4} ({after.Actions:F0} reviews)");
        // Then the held-out objective (same 64 students) rises clearly: the start's is ≈ 0; 0.02 is > 3 standard errors of the paired difference on 64 students
        Assert.True(after.Objective > before.Objective + 0.02, $"before {before.Objective}, after {after.Objective}");
        Assert.Equal(wtZero, result.Policy.FixedZeroDecay);
        if (wtZero) Assert.Equal(0, result.Policy.Parameters[result.Policy.Layout.W]);
    }
}
