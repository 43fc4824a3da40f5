using Kairos.Environments.SpacedRepetition;
using Kairos.Learning;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>
/// `spaced-repetition-timed`: the TPPRL study's student and baselines (as `spaced-repetition`), but a learned policy
/// also sees when things happen: the feedback is z = (recall, Δ_i/T) with Δ_i the time since the reviewed item's
/// previous review, and <see cref="EventFeatures"/> appends the elapsed fraction t/T and the log time to the deadline
/// (<see cref="DeadlineFeatures"/>). Issue 5's second TPPRL variant: in this student model the best schedules review
/// late (cram, oracle), and the log time-to-go makes an intensity that rises by orders of magnitude over the last
/// hours a linear function of an input (docs/spaced-repetition.md, "TPPRL").
/// </summary>
public sealed class TimedSpacedRepetitionScenario : IScenario
{
    public const string ScenarioName = "spaced-repetition-timed";

    private readonly SpacedRepetitionScenario _inner =
        new(SpacedRepetitionOptions.Tpprl() with { ItemElapsedFeedback = true }, ScenarioName);

    public SpacedRepetitionScenario Inner => _inner;
    public string Name => ScenarioName;
    public string Description =>
        "Spaced repetition as spaced-repetition, with timing inputs for learned policies: feedback (recall, time since " +
        "the item's previous review / T) and the event features t/T and log time to the deadline.";
    public string PrimaryMetric => SpacedRepetitionMetrics.Recall;
    public IReadOnlyList<string> BaselineNames => _inner.BaselineNames;
    public IEnvironment CreateEnvironment() => _inner.CreateEnvironment();
    public IReadOnlyList<string> SameEpisodeScenarios => _inner.SameEpisodeScenarios;
    public TrainingDefaults TrainingDefaults => _inner.TrainingDefaults;
    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed) =>
        _inner.CreateBaseline(name, actionBudget, seed);
    public IEventFeatures? EventFeatures { get; } = new DeadlineFeatures();
}
