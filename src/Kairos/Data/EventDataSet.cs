using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>A data set of user logs (each with its own observation window; users without events included), in
/// file order, user names distinct, and where their windows came from.</summary>
public sealed class EventDataSet : IReadOnlyList<UserLog>
{
    private readonly UserLog[] _users;

    public EventDataSet(IEnumerable<UserLog> users, WindowSource windowSource)
    {
        _users = users.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in _users)
            if (!seen.Add(u.User)) throw new ArgumentException($"user '{u.User}' appears twice in the data set.", nameof(users));
        WindowSource = windowSource;
    }

    /// <summary>Users observed on one common window, each with unmarked action events at the given times (what a
    /// simulation on [start, end] produces); the windows count as per-user windows.</summary>
    public static EventDataSet OnWindow(IEnumerable<(string User, double[] Times)> users, ObservationWindow window) =>
        new(users.Select(u => new UserLog(u.User, window, new History(u.Times.Select(t => new Event(t)), u.User))), WindowSource.PerUser);

    public WindowSource WindowSource { get; }
    public int Count => _users.Length;
    public UserLog this[int index] => _users[index];

    /// <summary>Per user, the times of the selected kinds relative to the window start (see
    /// <see cref="UserLog.RelativeTimes"/>).</summary>
    public IReadOnlyList<double[]> RelativeTimes(IReadOnlyCollection<EventKind>? kinds = null) =>
        _users.Select(u => u.RelativeTimes(kinds)).ToArray();

    /// <summary>Per user, the window length: the horizon of the user's process in relative time.</summary>
    public IReadOnlyList<double> Durations => _users.Select(u => u.Window.Duration).ToArray();

    /// <summary>The rows to write this data set back: each user's window row, then its events.</summary>
    public IEnumerable<EventFileRow> Rows() => _users.SelectMany(u =>
        u.Events.Select(e => (EventFileRow)new EventRecord(u.User, e)).Prepend(new WindowRecord(u.User, u.Window)));

    public IEnumerator<UserLog> GetEnumerator() => ((IEnumerable<UserLog>)_users).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
