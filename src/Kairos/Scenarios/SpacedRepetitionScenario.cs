using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>
/// `spaced-repetition`: the TPPRL study's student (α = 0.049, β = 0.0052, 50 items, T = 14 days, test at T + 2)
/// with its baselines. With a budget, every baseline's knob is bisected (<see cref="BudgetMatcher"/>, 50 tuning
/// episodes) so its mean number of reviews matches the budget within 0.5% there (1% on evaluation students); without one, the knobs are set for
/// <see cref="DefaultBudget"/> reviews by rule of thumb.
/// </summary>
public sealed class SpacedRepetitionScenario : IScenario
{
    /// <summary>Reviews per student the TPPRL study's policies used (≈1,000).</summary>
    public const double DefaultBudget = 1000;
    public const int TuningEpisodes = 50;
    /// <summary>Relative tolerance of the match on the tuning students: 0.5%, so that on other (evaluation) students the
    /// mean stays within the 1% the protocol asks for despite sampling noise.</summary>
    public const double TuningTolerance = 0.005;

    /// <summary>Baselines of the exponential (TPPRL) student.</summary>
    public static readonly IReadOnlyList<string> ExponentialBaselines = ["uniform", "memorize", "threshold", "cram", "oracle"];

    private readonly IReadOnlyList<string> _baselines;
    private readonly string? _description;

    public SpacedRepetitionScenario() : this(SpacedRepetitionOptions.Tpprl()) { }

    /// <param name="options">Student model and episode settings.</param>
    /// <param name="name">CLI name of the scenario (default <c>spaced-repetition</c>).</param>
    /// <param name="baselines">Baseline names offered (default <see cref="ExponentialBaselines"/>); <c>fsrs</c> needs an
    /// FSRS student (<see cref="FsrsStudentModel"/>).</param>
    /// <param name="description">Help text (default: the TPPRL study's).</param>
    public SpacedRepetitionScenario(SpacedRepetitionOptions options, string name = SpacedRepetitionEnvironment.EnvironmentName,
        IReadOnlyList<string>? baselines = null, string? description = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Name = name;
        _baselines = baselines ?? ExponentialBaselines;
        _description = description;
        if (_baselines.Contains("fsrs") && options.Student is not FsrsStudentModel)
            throw new ArgumentException("the fsrs baseline needs an FSRS student population.", nameof(baselines));
    }

    public SpacedRepetitionOptions Options { get; }
    public string Name { get; }
    public string Description => _description ?? FormattableString.Invariant(
        $"Spaced repetition: a simulated student learns {CountText.Of(Options.Model.ItemCount, "item")} over {CountText.Of(Options.Horizon, "G4", "day")} and is tested {CountText.Of(Options.TestDelay, "G4", "day")} later (Tabibian et al. student model, TPPRL study setup).");
    public string PrimaryMetric => SpacedRepetitionMetrics.Recall;
    public IReadOnlyList<string> BaselineNames => _baselines;

    public IEnvironment CreateEnvironment() => new SpacedRepetitionEnvironment(Options);

    /// <summary>`spaced-repetition` and `spaced-repetition-timed` share students; the timed one only adds inputs.</summary>
    public IReadOnlyList<string> SameEpisodeScenarios => Name == SpacedRepetitionEnvironment.EnvironmentName
        ? [TimedSpacedRepetitionScenario.ScenarioName]
        : Name == TimedSpacedRepetitionScenario.ScenarioName ? [SpacedRepetitionEnvironment.EnvironmentName] : [];

    /// <summary>Cost per review (recall units) the TPPRL training defaults charge: about the marginal recall of one
    /// more review for a late-reviewing schedule near <see cref="DefaultBudget"/> reviews, so the learned policy's
    /// budget lands near the paper's ~1,000 (the cost prices the budget linearly, where q_l/2 ∫λ² would also tax
    /// concentrating reviews in time, which is exactly what this student rewards).</summary>
    public const double DefaultReviewCost = 2.75e-4;

    /// <summary>
    /// TPPRL training defaults (docs/spaced-repetition.md): reward = <c>expected_recall</c> (the mean of the binary test,
    /// lower variance) minus <see cref="DefaultReviewCost"/> per review, no ∫λ² cost; start near-Poisson at the uniform
    /// baseline's rate for <see cref="DefaultBudget"/> reviews (b = ln(budget/T), w = 0, small v); batch 32, Adam
    /// lr 0.02/(1 + 0.0005 t) (0.05 oscillated and collapsed to no reviews at some seeds); held-out check every 100 updates. Evaluation matches the baselines to the learned budget.
    /// </summary>
    public TrainingDefaults TrainingDefaults => new(new TrainerOptions
    {
        Iterations = 6000, BatchSize = 32, LearningRate = 0.02, LearningRateDecay = 0.0005,
        Regularizers = new RegularizerWeights(0), RewardMetric = SpacedRepetitionMetrics.ExpectedRecall,
        ActionCost = DefaultReviewCost, EvaluateEvery = 100, HeldOutEpisodes = 64,
    }, Hidden: 8, InitialRate: DefaultBudget / Options.Horizon, MatchBaselines: true);

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed) =>
        actionBudget is { } budget ? Match(name, budget, seed).Policy : Create(name, InitialKnob(name, DefaultBudget));

    /// <summary>Tunes baseline <paramref name="name"/> to <paramref name="budget"/> reviews per student and reports
    /// the match (knob, mean reviews over the tuning episodes).</summary>
    public BudgetMatch Match(string name, double budget, int seed)
    {
        Validate(name);
        if (!(budget > 0) || double.IsInfinity(budget))
            throw new UserInputException(FormattableString.Invariant($"review budget must be a finite number > 0, got {budget}"));
        return BudgetMatcher.Match(CreateEnvironment(), k => Create(name, k), InitialKnob(name, budget), budget, seed,
            TuningEpisodes, TuningTolerance);
    }

    /// <summary>The baseline at a given knob: uniform rate (/day), MEMORIZE r = q^{−1/2} (/day), threshold
    /// κ = 1/(−ln θ), fsrs κ = 1/(−ln r) for desired retention r, cram and oracle budget (reviews).</summary>
    public IDeliveryPolicy Create(string name, double knob)
    {
        var model = Options.Model;
        return Validate(name) switch
        {
            "uniform" => new UniformPolicy(knob),
            "memorize" => new MemorizePolicy(model, knob),
            "threshold" => ThresholdPolicy.FromKnob(model, knob),
            "cram" => new CramPolicy(knob),
            "fsrs" => FsrsScheduler(knob),
            "oracle" => Options.Oracle(knob),
            _ => throw Unknown(name),
        };
    }

    /// <summary>Rule-of-thumb knob for a budget: uniform budget/T; MEMORIZE 2·budget/(N T) (about half the items'
    /// recall is lost between reviews); threshold budget/(N T n̄); cram and oracle the budget itself.</summary>
    public double InitialKnob(string name, double budget)
    {
        var model = Options.Model;
        double perItemPerDay = budget / (model.ItemCount * Options.Horizon);
        return Validate(name) switch
        {
            "uniform" => budget / Options.Horizon,
            "memorize" => 2 * perItemPerDay,
            "threshold" => perItemPerDay / model.InitialRates.Average(),
            "fsrs" => FsrsPolicy.KnobOf(0.9),
            "cram" or "oracle" => budget,
            _ => throw Unknown(name),
        };
    }

    private FsrsPolicy FsrsScheduler(double knob)
    {
        var student = (FsrsStudentModel)Options.Student;
        return FsrsPolicy.FromKnob(student.Parameters, student.ItemDifficulties, knob);
    }

    private string Validate(string name) => _baselines.Contains(name) ? name : throw Unknown(name);

    private UserInputException Unknown(string name) =>
        new($"unknown spaced-repetition baseline '{name}'.{DidYouMean.Hint(name, _baselines)} Valid: {string.Join(", ", _baselines)}");
}
