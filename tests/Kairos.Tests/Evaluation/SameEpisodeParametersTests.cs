using Kairos.Evaluation;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Tests.Evaluation;

/// <summary>A policy trained on a same-episode sibling (spaced-repetition-fsrs-timed) runs on students with the
/// evaluated scenario's parameters (`--fsrs-params`), not the sibling's defaults.</summary>
public sealed class SameEpisodeParametersTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-sibling-");
    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Timed_policy_under_fitted_parameters_meets_the_fitted_students()
    {
        // Four times smaller initial stabilities: the same schedule recalls much less at the test.
        var fast = FsrsParameters.Clipped(FsrsParameters.Default.Weights.Select((w, j) => j < 4 ? w / 4 : w).ToArray());
        var timed = new FsrsSpacedRepetitionScenario(parameters: fast, timed: true);
        var policy = NeuralTppPolicy.Initialize(timed.CreateEnvironment().Spec.Context, SeedSequence.Stream(3, 1), hidden: 3,
            features: timed.EventFeatures, initialRate: 5);
        string path = Path.Combine(_dir.FullName, "timed.json");
        NeuralTppPolicyFile.Save(policy, path, FsrsSpacedRepetitionScenario.TimedScenarioName);

        var plan = new EvaluationPlan(new FsrsSpacedRepetitionScenario(parameters: fast), [new LearnedPolicySpec(path)],
            BudgetRule.Unmatched, Seed: 4, Episodes: 6) { Threads = 1 };
        double evaluated = EvaluationService.Run(plan).Policies[0].Values("expected_recall").Average();

        double Direct(IScenario s) => Evaluator.Evaluate(s.CreateEnvironment(), [policy], 6, 4, 1)[0].Values("expected_recall").Average();
        Assert.Equal(Direct(timed), evaluated);
        Assert.True(Direct(new FsrsSpacedRepetitionScenario(timed: true)) > evaluated + 0.05);
    }
}
