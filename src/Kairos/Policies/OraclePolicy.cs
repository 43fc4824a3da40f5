using System.Globalization;
using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// An upper reference for the TPPRL student model: the budget is split across items by
/// <see cref="OracleAllocation.Exact"/> (maximising Σ_i g_i(k_i) ≈ Σ_i exp(−τ n_i(0)(1−α)^{k_i}), see
/// <see cref="LateReviewGain"/>) and all reviews are taken in the last <see cref="Window"/> before T, round-robin over
/// the items with reviews left.
/// </summary>
public sealed class OraclePolicy : IDeliveryPolicy
{
    private readonly int[] _lower, _upper;

    /// <param name="model">Student model (α and n_i(0) set the allocation).</param>
    /// <param name="budget">Mean number of reviews per episode (fractional budgets are met in expectation).</param>
    /// <param name="gain">Per-item return of late reviews (α, β, τ, T).</param>
    /// <param name="window">Length of the review window before T (default 1 h in days).</param>
    public OraclePolicy(StudentModel model, double budget, LateReviewGain gain, double window = CramPolicy.DefaultWindow)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Budget = Require.NonNegative(budget, nameof(budget));
        Gain = gain ?? throw new ArgumentNullException(nameof(gain));
        Window = Require.Positive(window, nameof(window));
        int lo = (int)Math.Floor(budget);
        _lower = OracleAllocation.Exact(model.InitialRates, gain, lo);
        _upper = budget > lo ? OracleAllocation.Exact(model.InitialRates, gain, lo + 1) : _lower;
    }

    /// <summary>The oracle for a spaced-repetition setup (its α, β, τ and T).</summary>
    public static OraclePolicy For(Environments.SpacedRepetition.SpacedRepetitionOptions options, double budget) =>
        new(options.Model, budget, new LateReviewGain(options.Model.Alpha, options.Model.Beta, options.TestDelay, options.Horizon));

    public StudentModel Model { get; }
    public double Budget { get; }
    public LateReviewGain Gain { get; }
    public double Window { get; }
    public string Name => "oracle";

    /// <summary>Reviews per item for the integer budget ⌊budget⌋.</summary>
    public IReadOnlyList<int> Allocation => _lower;

    public IPolicyState CreateState(EpisodeSpec spec, Random rng)
    {
        if (spec.MarkCount != Model.ItemCount)
            throw new ArgumentException($"the oracle's model has {Model.ItemCount} items but the environment has {spec.MarkCount} marks.", nameof(spec));
        int count = LastMinuteSchedule.DrawCount(Budget, rng);
        var allocation = count == (int)Math.Floor(Budget) ? _lower : _upper;
        return new LastMinuteSchedule.State(spec.Horizon, Math.Min(Window, spec.Horizon), LastMinuteSchedule.RoundRobin(allocation));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"oracle(budget={Budget:G6}, τ={Gain.TestDelay:G4})");
}
