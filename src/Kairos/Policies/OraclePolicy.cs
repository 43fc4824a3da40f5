using System.Globalization;
using Kairos.Decisions;
using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;

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
        ParameterHash = Decisions.ParameterHash.Of(KindName,
            [budget, window, gain.Alpha, gain.Beta, gain.TestDelay, gain.Horizon, model.Alpha, model.Beta, .. model.InitialRates]);
    }

    public const string KindName = "oracle";

    public StudentModel Model { get; }
    public double Budget { get; }
    public LateReviewGain Gain { get; }
    public double Window { get; }
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public bool RequiresHorizon => true;
    public string ParameterHash { get; }

    /// <summary>Reviews per item for the integer budget ⌊budget⌋.</summary>
    public IReadOnlyList<int> Allocation => _lower;

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        double horizon = context.RequireHorizon(Name);
        if (context.MarkCount != Model.ItemCount)
            throw new PolicyContextException($"the oracle's model has {CountText.Of(Model.ItemCount, "item")} but the context has {CountText.Of(context.MarkCount, "mark")}.");
        int count = LastMinuteSchedule.DrawCount(Budget, ref random);
        var allocation = count == (int)Math.Floor(Budget) ? _lower : _upper;
        return new LastMinuteSchedule.State(this, context.Origin + horizon, Math.Min(Window, horizon),
            LastMinuteSchedule.RoundRobin(allocation), 0, random);
    }

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => LastMinuteSchedule.Restore(this, snapshot);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"oracle(budget={Budget:G6}, τ={Gain.TestDelay:G4})");
}
