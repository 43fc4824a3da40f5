using System.Collections;

namespace Kairos.PointProcesses;

/// <summary>
/// The events of one user (or one episode), sorted by time; ties keep insertion order. Appending an event
/// earlier than the last one, or with a NaN, infinite or negative time, throws an error naming the event.
/// </summary>
public sealed class History : IReadOnlyList<Event>
{
    private readonly List<Event> _events = new();

    public History(string user = "") => User = user;

    public History(IEnumerable<Event> events, string user = "") : this(user)
    {
        foreach (var e in events) Add(e);
    }

    public string User { get; }
    public int Count => _events.Count;
    public Event this[int index] => _events[index];
    public double LastTime => _events.Count == 0 ? 0 : _events[^1].Time;

    public void Add(Event e)
    {
        if (!double.IsFinite(e.Time) || e.Time < 0)
            throw new ArgumentOutOfRangeException(nameof(e),
                $"Event #{_events.Count + 1} {e}{UserSuffix}: time must be finite and >= 0.");
        if (_events.Count > 0 && e.Time < _events[^1].Time)
            throw new ArgumentOutOfRangeException(nameof(e),
                $"Event #{_events.Count + 1} {e}{UserSuffix}: time is earlier than the previous event's time " +
                $"{_events[^1].Time.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; events must be sorted.");
        _events.Add(e);
    }

    /// <summary>Times of the events of one kind (and optionally one mark), in order.</summary>
    public double[] Times(EventKind? kind = null, int? mark = null) =>
        _events.Where(e => (kind is null || e.Kind == kind) && (mark is null || e.Mark == mark))
               .Select(e => e.Time).ToArray();

    public IEnumerator<Event> GetEnumerator() => _events.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string UserSuffix => User.Length == 0 ? "" : $" of user '{User}'";
}
