namespace Kairos.PointProcesses;

/// <summary>One user's log: who, the window over which the user was observed, and the events in it (possibly
/// none). A process model sees the log in time relative to the window start: it starts at 0, without history, and
/// ends at <see cref="ObservationWindow.Duration"/>.</summary>
public sealed class UserLog
{
    public UserLog(string user, ObservationWindow window, History events)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
            if (!window.Contains(e.Time))
                throw new ArgumentOutOfRangeException(nameof(events), $"{e} of user '{user}' lies outside its window {window}.");
        User = user;
        Window = window;
        Events = events;
    }

    public string User { get; }
    public ObservationWindow Window { get; }
    public History Events { get; }

    /// <summary>Times t − Start of the events whose kind is in <paramref name="kinds"/> (every kind when null),
    /// in order; each lies in [0, Duration] (subtraction rounds monotonically).</summary>
    public double[] RelativeTimes(IReadOnlyCollection<EventKind>? kinds = null)
    {
        double start = Window.Start;
        return Events.Where(e => kinds is null || kinds.Contains(e.Kind)).Select(e => e.Time - start).ToArray();
    }

    /// <summary>The log-likelihood of the selected events under <paramref name="model"/>, on the window in
    /// relative time: Σ log λ(t_i − s) − ∫₀^{e−s} λ.</summary>
    public double LogLikelihood(IPointProcessModel model, IReadOnlyCollection<EventKind>? kinds = null) =>
        model.LogLikelihood(RelativeTimes(kinds), Window.Duration);
}
