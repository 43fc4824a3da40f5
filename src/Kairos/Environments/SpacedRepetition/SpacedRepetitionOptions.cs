using Kairos.Numerics;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>Configuration of a spaced-repetition episode (TPPRL §5 / seed 001 appendix E). Times in days.</summary>
/// <param name="Model">Student model (α, β, n_i(0)).</param>
/// <param name="Horizon">T: reviews happen in (0, T]; default 14 days.</param>
/// <param name="TestDelay">τ: the test is at T + τ; default 2 days.</param>
public sealed record SpacedRepetitionOptions(StudentModel Model, double Horizon = 14, double TestDelay = 2)
{
    public StudentModel Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));
    public double Horizon { get; } = Require.Positive(Horizon, nameof(Horizon));
    public double TestDelay { get; } = Require.NonNegative(TestDelay, nameof(TestDelay));

    /// <summary>The TPPRL study: α = 0.049, β = 0.0052, 50 items, T = 14, τ = 2.</summary>
    public static SpacedRepetitionOptions Tpprl() => new(StudentModel.Tpprl());
}
