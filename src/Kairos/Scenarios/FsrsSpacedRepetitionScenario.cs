using Kairos.Environments.SpacedRepetition;
using Kairos.Learning;
using Kairos.Models.SpacedRepetition;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Simulation;
using Kairos.Decisions;
using Kairos.Policies;

namespace Kairos.Scenarios;

/// <summary>
/// `spaced-repetition-fsrs`: the TPPRL study's 50 items and episode (T = 14 days, test at T + τ), but the students
/// remember as FSRS-6 does (<see cref="FsrsStudentModel.Default"/>: default parameters jittered per student, item
/// difficulties mapped from the study's forgetting rates), so spacing matters. `spaced-repetition-fsrs-retention`
/// is the same with the test four weeks after the course (τ = 28 days), where what lasts counts, not what is fresh. MEMORIZE and threshold assume the
/// student's exponential surrogate (<see cref="FsrsStudentModel.ExponentialSurrogate"/>); the oracle, whose gain is
/// derived for the exponential model, is not offered; <c>fsrs</c> is FSRS as a scheduler.
/// <para>Variants with more inputs for learned policies, on the same students: `spaced-repetition-fsrs-timed` (the
/// time since the reviewed item's previous review and the time to the deadline, as spaced-repetition-timed) and
/// `spaced-repetition-fsrs-memory` / `spaced-repetition-fsrs-retention-memory` (those timing inputs plus per-item
/// memory features from the observed history, <see cref="FsrsItemFeatures"/>, weighed by the mark head).</para>
/// </summary>
public sealed class FsrsSpacedRepetitionScenario : IScenario
{
    public const string ScenarioName = "spaced-repetition-fsrs", RetentionScenarioName = "spaced-repetition-fsrs-retention",
        TimedScenarioName = "spaced-repetition-fsrs-timed", MemoryScenarioName = "spaced-repetition-fsrs-memory",
        RetentionMemoryScenarioName = "spaced-repetition-fsrs-retention-memory";
    /// <summary>τ of the retention variant: four weeks.</summary>
    public const double RetentionTestDelay = 28;
    public static readonly IReadOnlyList<string> Baselines = ["uniform", "memorize", "threshold", "cram", "fsrs"];

    private readonly double _testDelay;
    private readonly bool _retention, _timed, _memory;
    private readonly FsrsParameters? _parameters;
    private readonly Lazy<SpacedRepetitionScenario> _inner;

    /// <param name="retention">The retention variant (test at T + 28 days) instead of the TPPRL protocol (T + 2).</param>
    /// <param name="parameters">Population parameters of the students, e.g. fitted by `kairos fit-fsrs` (default: the FSRS-6 defaults).</param>
    /// <param name="timed">`spaced-repetition-fsrs-timed`: the same students (test at T + 2), and a learned policy also
    /// sees the time since the reviewed item's previous review and the time to the deadline, as in spaced-repetition-timed.</param>
    /// <param name="memory">`spaced-repetition-fsrs(-retention)-memory`: the timed inputs plus per-item memory features
    /// (<see cref="FsrsItemFeatures"/>, with the population parameters the fsrs scheduler also assumes).</param>
    public FsrsSpacedRepetitionScenario(bool retention = false, FsrsParameters? parameters = null, bool timed = false, bool memory = false)
    {
        if (retention && timed) throw new ArgumentException("the timed variant has the 2-day test only.", nameof(timed));
        if (timed && memory) throw new ArgumentException("the memory variant already has the timed inputs.", nameof(memory));
        _retention = retention;
        _timed = timed;
        _memory = memory;
        EventFeatures = timed || memory ? new DeadlineFeatures() : null;
        _parameters = parameters;
        _testDelay = retention ? RetentionTestDelay : 2;
        Name = memory ? (retention ? RetentionMemoryScenarioName : MemoryScenarioName)
            : retention ? RetentionScenarioName : timed ? TimedScenarioName : ScenarioName;
        _inner = new(Build);
        _items = new(() => memory
            ? new FsrsItemFeatures(Parameters, ((FsrsStudentModel)Inner.Options.Student).ItemDifficulties, Inner.Options.Horizon, _testDelay)
            : null);
    }

    private readonly Lazy<IItemFeatures?> _items;

    private SpacedRepetitionScenario Build()
    {
        var student = _parameters is null ? FsrsStudentModel.Default()
            : new FsrsStudentModel(_parameters, FsrsStudentModel.DifficultiesFromRates(ItemSets.TpprlStudy()));
        var options = new SpacedRepetitionOptions(student.ExponentialSurrogate(), TestDelay: _testDelay, Student: student) { ItemElapsedFeedback = _timed || _memory };
        return new SpacedRepetitionScenario(options, Name, Baselines, FormattableString.Invariant(
            $"Spaced repetition with an FSRS-6 student (spacing effect; {(_parameters is null ? "default" : "given")} parameters with 10% per-student jitter, ") +
            FormattableString.Invariant($"50 items, T = 14 days, test {CountText.Of(_testDelay, "G4", "day")} later); baselines include fsrs (FSRS as a scheduler)."));
    }

    /// <summary>The same scenario whose students (and the fsrs scheduler, which reads their parameters) use <paramref name="parameters"/>.</summary>
    public FsrsSpacedRepetitionScenario WithParameters(FsrsParameters parameters) => new(_retention, parameters, _timed, _memory);

    /// <summary>The students' population parameters.</summary>
    public FsrsParameters Parameters => _parameters ?? FsrsParameters.Default;

    public SpacedRepetitionScenario Inner => _inner.Value;
    public string Name { get; }
    public string Description => Inner.Description;
    public string PrimaryMetric => SpacedRepetitionMetrics.Recall;
    public IReadOnlyList<string> BaselineNames => Inner.BaselineNames;
    public IEnvironment CreateEnvironment() => Inner.CreateEnvironment();
    public TrainingDefaults TrainingDefaults => Inner.TrainingDefaults;
    public IEventFeatures? EventFeatures { get; }
    public IItemFeatures? ItemFeatures => _items.Value;

    /// <summary>`spaced-repetition-fsrs`, `-timed` and `-memory` share students (and so do `spaced-repetition-fsrs-retention`
    /// and `-retention-memory`); the variants only add inputs.</summary>
    public IReadOnlyList<string> SameEpisodeScenarios => (_retention ? Retention : TwoDay).Where(n => n != Name).ToList();

    private static readonly string[] TwoDay = [ScenarioName, TimedScenarioName, MemoryScenarioName],
        Retention = [RetentionScenarioName, RetentionMemoryScenarioName];

    /// <summary>The sibling with the same student parameters (a policy trained on the timed variant, evaluated under
    /// `--fsrs-params`, meets the same fitted students as the baselines).</summary>
    public IScenario SameEpisodeScenario(string name) => SameEpisodeScenarios.Contains(name)
        ? new FsrsSpacedRepetitionScenario(_retention, _parameters, timed: name == TimedScenarioName,
            memory: name is MemoryScenarioName or RetentionMemoryScenarioName)
        : throw new ArgumentException($"'{name}' is not a same-episode scenario of '{Name}'.", nameof(name));

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed) => Inner.CreateBaseline(name, actionBudget, seed);
}
