using Kairos.PointProcesses;

namespace Kairos.Decisions;

/// <summary>
/// A policy's per-user state. It changes only by <see cref="Observe"/> and <see cref="Decide"/>, in event-time
/// order, and draws randomness only from its counter-based <see cref="DecisionRandom"/>, so it is a value:
/// <see cref="Snapshot"/> captures it whole and <see cref="IDeliveryPolicy.Restore"/> continues it bit for bit.
/// </summary>
public interface IPolicyState
{
    /// <summary>Timing: the planned next action (time +∞ means "none until the next event"). Choice-only policies
    /// answer <see cref="PlannedAction.None"/>.</summary>
    PlannedAction Next { get; }

    /// <summary>Observes an event at its time: an own action as the environment reported it, feedback, or an
    /// opportunity the policy was not asked to decide at. <paramref name="feedback"/> is the feedback vector after
    /// the event. On an own action a sampling policy draws afresh; on feedback it refines its pending sample (TPPRL
    /// Alg. 2).</summary>
    void Observe(in Event e, ReadOnlySpan<double> feedback);

    /// <summary>Choice: observes the opportunity <paramref name="opportunity"/> and decides at it. When the decision
    /// acts, the caller then reports the action (as executed) through <see cref="Observe"/>; "none" needs no further
    /// call, the state has recorded it. Timing-only policies throw <see cref="NotSupportedException"/>.</summary>
    Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback) =>
        throw new NotSupportedException("this policy makes timing decisions only; it cannot decide at opportunities.");

    /// <summary>The whole state as an immutable value.</summary>
    PolicySnapshot Snapshot();
}
