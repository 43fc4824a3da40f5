using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>
/// A simulator that answers a policy's actions with feedback and scores the episode. It holds only
/// configuration and is shared across threads; each episode's state lives in an <see cref="IEpisode"/>.
/// </summary>
public interface IEnvironment
{
    /// <summary>Stable name used by the CLI (e.g. "spaced-repetition").</summary>
    string Name { get; }
    /// <summary>Length and units of an episode, number of action marks and feedback features.</summary>
    EpisodeSpec Spec { get; }
    /// <summary>Which decisions the environment takes from a policy: timing (the policy acts when it chooses) and/or
    /// choice (the policy acts only at the environment's opportunities).</summary>
    DecisionModes Accepts => DecisionModes.Timing;
    /// <summary>Every metric an episode reports (<see cref="IEpisode.Finish"/> returns exactly these keys).</summary>
    IReadOnlyList<MetricDefinition> Metrics { get; }
    /// <summary>The metric policies maximise (one of <see cref="Metrics"/>, higher is better).</summary>
    MetricDefinition Reward { get; }
    /// <summary>Starts a fresh episode (a new student, user, feed). All randomness comes from <paramref name="rng"/>.</summary>
    IEpisode NewEpisode(Random rng);
}

/// <summary>What a simulated episode is: its length, marks and feedback size. Policies see it as a
/// <see cref="PolicyContext"/> (<see cref="Context"/>) with origin 0 and the episode's horizon.</summary>
/// <param name="Horizon">Episode end T (actions in (0, T]); time unit given by <paramref name="TimeUnit"/>.</param>
/// <param name="MarkCount">Number of action marks (items, products); 1 when actions are unmarked.</param>
/// <param name="FeedbackSize">Length of the feedback vector z an event carries (1 for a scalar outcome, 0 for none).</param>
/// <param name="TimeUnit">"days", "hours", "seconds", or "units".</param>
public sealed record EpisodeSpec(double Horizon, int MarkCount, int FeedbackSize, string TimeUnit = "units")
{
    public PolicyContext Context => new(MarkCount, FeedbackSize, Horizon, 0, TimeUnit);
}
