using Kairos.PointProcesses;

namespace Kairos.Simulation;

/// <summary>
/// One running episode. The event loop (<see cref="EpisodeRunner"/>) asks for the next exogenous event time,
/// applies actions, and reveals exogenous events only when their time has come (the policy never sees the future).
/// Exogenous events are feedback (the world's own events) or opportunities to act (an ad request, an app open).
/// </summary>
public interface IEpisode
{
    /// <summary>Time of the next exogenous event, feedback or opportunity (+∞ if none is scheduled).</summary>
    double NextFeedbackTime { get; }

    /// <summary>Emits the exogenous event scheduled at <see cref="NextFeedbackTime"/> and advances past it.</summary>
    Event TakeFeedback(Random rng);

    /// <summary>Applies an action of mark <paramref name="mark"/> at <paramref name="time"/> and returns the action
    /// as observed: e.g. a review with its recall outcome in <see cref="Event.Value"/>. May schedule future feedback.</summary>
    Event Act(double time, int mark, Random rng);

    /// <summary>A choice policy declined the opportunity <paramref name="opportunity"/> (decided "none").</summary>
    void Decline(in Event opportunity, Random rng) { }

    /// <summary>Feedback vector of the most recent event (length <see cref="EpisodeSpec.FeedbackSize"/>), e.g. the
    /// broadcaster's rank on each follower's feed. Written into <paramref name="z"/>.</summary>
    void Feedback(Span<double> z);

    /// <summary>Ends the episode at the horizon and returns its metrics, keyed by the names the environment declares
    /// in <see cref="IEnvironment.Metrics"/>.</summary>
    IReadOnlyDictionary<string, double> Finish(Random rng);
}
