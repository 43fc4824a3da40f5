using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Extra per-event inputs a scenario offers learned policies, appended after the environment's feedback vector z
/// (e.g. "when in the episode": t/T). The TPPRL cell sees z_k = [feedback, features]. Implementations are stateless
/// and thread-safe.
/// </summary>
public interface IEventFeatures
{
    /// <summary>Stable name, stored in policy files so a policy is only run with the features it was trained on.</summary>
    string Name { get; }
    /// <summary>Number of values written per event.</summary>
    int Count { get; }
    /// <summary>Whether the features locate events relative to a deadline (then the policy needs a horizon).</summary>
    bool RequiresHorizon { get; }
    /// <summary>Writes the features of event <paramref name="e"/> (already revealed, in time order) into
    /// <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    void Write(in Event e, PolicyContext context, Span<double> destination);
}
