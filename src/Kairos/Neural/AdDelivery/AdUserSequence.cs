using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// One user's events in time relative to the window start (0) and the window's end: feedback (mark 0..M−1, value
/// optional), opportunities, and decisions (action events, mark 0 = none .. D = ad D). Checked on construction:
/// times in order within [0, End], marks in range, values finite.
/// </summary>
public sealed class AdUserSequence
{
    public AdUserSequence(string user, IReadOnlyList<Event> events, double end, AdModelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!(end >= 0) || !double.IsFinite(end))
            throw new ArgumentOutOfRangeException(nameof(end), end, $"user '{user}': the window end must be finite and ≥ 0.");
        double last = 0;
        foreach (var e in events)
        {
            if (!(e.Time >= last) || e.Time > end)
                throw new ArgumentException($"user '{user}': {e} is out of order or outside the window [0, {end:R}].");
            int limit = e.Kind switch { EventKind.Action => layout.Ads + 1, EventKind.Feedback => layout.FeedbackMarks, _ => 1 };
            if ((uint)e.Mark >= (uint)limit)
                throw new ArgumentException($"user '{user}': {e} has a mark outside [0, {limit}).");
            if (e.Value is { } v && !double.IsFinite(v))
                throw new ArgumentException($"user '{user}': {e} has a non-finite value.");
            last = e.Time;
            if (e.Kind != EventKind.Action) UserEventCount++;
        }
        User = user;
        Events = events;
        End = end;
    }

    public string User { get; }
    public IReadOnlyList<Event> Events { get; }
    /// <summary>End of the observation window (relative time); the censoring term covers (last event, End].</summary>
    public double End { get; }

    /// <summary>Number of user events (feedback and opportunities), the events the model's likelihood scores.</summary>
    public int UserEventCount { get; }

    private AdSteps? _steps;

    /// <summary>The likelihood's per-event columns for this layout and time scale, computed on first use (a race
    /// computes the same columns twice; either copy is kept).</summary>
    internal AdSteps Steps(AdModelLayout layout, double timeScale)
    {
        var steps = _steps;
        if (steps is null || steps.TimeScale != timeScale || !steps.Layout.Equals(layout))
            _steps = steps = new AdSteps(this, layout, timeScale);
        return steps;
    }
}
