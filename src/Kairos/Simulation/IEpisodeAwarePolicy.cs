using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>
/// A reference policy that plans on the simulator's true state (an oracle): <see cref="EpisodeRunner"/> creates its
/// per-user state with the running episode, which it may read but must not advance (no peeking at future draws).
/// It exists only inside simulations: it cannot serve a live user.
/// </summary>
public interface IEpisodeAwarePolicy : IDeliveryPolicy
{
    IPolicyState CreateState(PolicyContext context, DecisionRandom random, IEpisode episode);
}
