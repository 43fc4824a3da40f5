using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Per-mark inputs a scenario offers a TPPRL policy's mark head: G values per action mark (e.g. per item of a
/// spaced-repetition course), computed from the user's observed history only, at the time an action is drawn. The
/// mark law becomes P(y | h_k, t) = softmax_y(V_y h_k + uᵀφ_y(t)) with one learned weight vector u ∈ R^G shared by
/// all marks, so the policy can prefer the marks whose features say "now" whatever their index. A few summaries of
/// the marks' features are also appended to the RNN input z_k at every event, so the intensity can react to them.
/// Implementations are stateless and thread-safe; the per-user history lives in an <see cref="IItemFeatureState"/>.
/// </summary>
public interface IItemFeatures
{
    /// <summary>Stable name, stored in policy files so a policy is only run with the features it was trained on.</summary>
    string Name { get; }
    /// <summary>G, the number of values per mark.</summary>
    int Count { get; }
    /// <summary>Number of summary values appended to z_k at every event.</summary>
    int SummaryCount { get; }
    /// <summary>Whether the features need the window's end (then the policy needs a horizon).</summary>
    bool RequiresHorizon { get; }
    /// <summary>A fresh per-user history for <paramref name="context"/>'s marks.</summary>
    IItemFeatureState Start(PolicyContext context);
}

/// <summary>One user's history as <see cref="IItemFeatures"/> sees it. Not thread-safe (one per policy state).</summary>
public interface IItemFeatureState
{
    /// <summary>Takes in an event (in time order), e.g. a review and its outcome.</summary>
    void Observe(in Event e, ReadOnlySpan<double> feedback);
    /// <summary>Writes φ_m(t) for every mark m, mark-major: destination[m·G + g] (length A·G).</summary>
    void WriteItems(double time, Span<double> destination);
    /// <summary>Writes the <see cref="IItemFeatures.SummaryCount"/> summaries at <paramref name="time"/>.</summary>
    void WriteSummary(double time, Span<double> destination);
    /// <summary>Length of the state as reals, for policy snapshots.</summary>
    int StateLength { get; }
    void Save(Span<double> destination);
    /// <summary>Restores a saved state; throws <see cref="PolicyContextException"/> when it is not a valid one.</summary>
    void Load(ReadOnlySpan<double> source);
}
