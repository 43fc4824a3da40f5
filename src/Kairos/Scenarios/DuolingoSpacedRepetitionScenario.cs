using Kairos.Environments.SpacedRepetition;
using Kairos.Learning;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>
/// `spaced-repetition-duolingo`: the TPPRL setup with 50 lexemes drawn (seed <see cref="ItemSeed"/>) from the Duolingo
/// half-life-regression weights instead of the study's 50 items; same baselines and budget matching as
/// <see cref="SpacedRepetitionScenario"/>. The item set is built on first use (the weights are parsed lazily).
/// </summary>
public sealed class DuolingoSpacedRepetitionScenario : IScenario
{
    public const string ScenarioName = "spaced-repetition-duolingo";
    public const int ItemCount = 50, ItemSeed = 2018;

    private readonly Lazy<SpacedRepetitionScenario> _inner =
        new(() => new SpacedRepetitionScenario(SpacedRepetitionOptions.Duolingo(ItemCount, ItemSeed), ScenarioName));

    public SpacedRepetitionScenario Inner => _inner.Value;
    public string Name => ScenarioName;
    public string Description =>
        "Spaced repetition with 50 Duolingo lexemes (HLR-derived forgetting rates, rescaled to the TPPRL study's median); " +
        "otherwise as spaced-repetition.";
    public string PrimaryMetric => SpacedRepetitionMetrics.Recall;
    public IReadOnlyList<string> BaselineNames => Inner.BaselineNames;
    public IEnvironment CreateEnvironment() => Inner.CreateEnvironment();
    public TrainingDefaults TrainingDefaults => Inner.TrainingDefaults;
    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed) =>
        Inner.CreateBaseline(name, actionBudget, seed);
}
