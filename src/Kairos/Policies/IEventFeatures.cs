using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// Extra per-event inputs a scenario offers learned policies, appended after the environment's feedback vector z
/// (e.g. "when in the episode": t/T). A scenario provides one through <see cref="Kairos.Environments.IScenario.EventFeatures"/>;
/// the TPPRL cell sees z_k = [feedback, features]. Implementations are stateless and thread-safe.
/// </summary>
public interface IEventFeatures
{
    /// <summary>Stable name, stored in policy files so a policy is only run with the features it was trained on.</summary>
    string Name { get; }
    /// <summary>Number of values written per event.</summary>
    int Count { get; }
    /// <summary>Writes the features of event <paramref name="e"/> (already revealed, in time order) into
    /// <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    void Write(in Event e, EpisodeSpec spec, Span<double> destination);
}
