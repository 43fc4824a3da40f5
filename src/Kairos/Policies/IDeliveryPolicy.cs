using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// A delivery policy: given what has happened to a user, when is the next action and which mark. The policy
/// object holds only parameters and is shared across threads; per-episode (per-user) state is an
/// <see cref="IPolicyState"/>.
/// </summary>
public interface IDeliveryPolicy
{
    string Name { get; }
    IPolicyState CreateState(EpisodeSpec spec, Random rng);
}
