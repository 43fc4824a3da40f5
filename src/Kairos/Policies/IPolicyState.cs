using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// A policy's per-episode state: the currently planned next action, updated by every event in time order.
/// On an own action a sampling policy draws afresh; on feedback it refines its pending sample (TPPRL Alg. 2).
/// </summary>
public interface IPolicyState
{
    /// <summary>The planned next action (time +∞ means "none until the next feedback").</summary>
    PlannedAction Next { get; }

    /// <summary>Observes an event (own action as the environment reported it, or feedback) at its time.
    /// <paramref name="feedback"/> is the environment's feedback vector after the event.</summary>
    void Observe(in Kairos.PointProcesses.Event e, ReadOnlySpan<double> feedback, Random rng);
}

/// <summary>A planned action: time and mark.</summary>
public readonly record struct PlannedAction(double Time, int Mark)
{
    public static PlannedAction None => new(double.PositiveInfinity, 0);
}
