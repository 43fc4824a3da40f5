using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;
using Kairos.Policies;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>Configuration of a spaced-repetition episode (TPPRL §5 / seed 001 appendix E). Times in days.</summary>
/// <param name="Model">Exponential-forgetting student model (α, β, n_i(0)): the simulated students when
/// <paramref name="Student"/> is null, and the model that model-based policies (MEMORIZE, threshold, oracle) assume.</param>
/// <param name="Horizon">T: reviews happen in (0, T]; default 14 days.</param>
/// <param name="TestDelay">τ: the test is at T + τ; default 2 days.</param>
/// <param name="ItemElapsedFeedback">When true the feedback vector is z = (recall, Δ_i/T) with Δ_i the time since
/// the reviewed item's previous review (or since t = 0): an input a learned policy needs to tell <i>when</i> an item
/// is due, which TPPRL's (item, recall, Δ between events) inputs lack. Default false (z = recall, as in TPPRL).</param>
/// <param name="Student">The simulated students, when they are not <paramref name="Model"/>'s (e.g. an
/// <see cref="Models.SpacedRepetition.Fsrs.FsrsStudentModel"/>); it must have as many items.</param>
public sealed record SpacedRepetitionOptions(StudentModel Model, double Horizon = 14, double TestDelay = 2,
    bool ItemElapsedFeedback = false, IStudentPopulation? Student = null)
{
    public StudentModel Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));
    public IStudentPopulation Student { get; } = Student is null ? Model
        : Student.ItemCount == Model!.ItemCount ? Student
        : throw new ArgumentException($"the student population has {CountText.Of(Student.ItemCount, "item")} but the assumed model has {Model.ItemCount}.", nameof(Student));
    public double Horizon { get; } = Require.Positive(Horizon, nameof(Horizon));
    public double TestDelay { get; } = Require.NonNegative(TestDelay, nameof(TestDelay));

    /// <summary>The oracle for this setup (its α, β, τ and T) at a mean of <paramref name="budget"/> reviews.</summary>
    public OraclePolicy Oracle(double budget) =>
        new(Model, budget, new LateReviewGain(Model.Alpha, Model.Beta, TestDelay, Horizon));

    /// <summary>The TPPRL study: α = 0.049, β = 0.0052, 50 items, T = 14, τ = 2.</summary>
    public static SpacedRepetitionOptions Tpprl() => new(StudentModel.Tpprl());

    /// <summary>The TPPRL setup (α, β, T, τ) with <paramref name="count"/> Duolingo lexemes drawn with
    /// <paramref name="seed"/> (optionally of one learning language); rates derived as in <see cref="ItemSets"/>.</summary>
    public static SpacedRepetitionOptions Duolingo(int count, int seed, string? language = null) =>
        new(new StudentModel(StudentModel.TpprlAlpha, StudentModel.TpprlBeta,
            ItemSets.SampleDuolingo(count, new Random(seed), language).Select(l => l.InitialRate).ToArray()));
}
