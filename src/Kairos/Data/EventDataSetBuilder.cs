using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Assembles the rows of an event file into an <see cref="EventDataSet"/>.
/// <list type="bullet">
/// <item>A file with window rows must give one per user (users without events included); every event must lie in
/// its user's window. A horizon T, if given, must agree with every window's end.</item>
/// <item>A file without window rows (the older format) puts every user on [0, T], T the given horizon or else the
/// last event time in the file; with a horizon, an event after T is an error.</item>
/// </list>
/// Every problem is a <see cref="UserInputException"/> naming file:line.</summary>
public static class EventDataSetBuilder
{
    private sealed class Pending(string user)
    {
        public string User { get; } = user;
        public List<EventRecord> Events { get; } = new();
        public WindowRecord? Window { get; set; }
    }

    /// <summary>The data set of <paramref name="rows"/> read from <paramref name="source"/>; with
    /// <paramref name="user"/>, only that user's log (whether the file has window rows is decided on all rows).</summary>
    public static EventDataSet Build(IEnumerable<EventFileRow> rows, string source, double? horizon = null, string? user = null)
    {
        if (horizon is { } h && !(double.IsFinite(h) && h > 0))
            throw new ArgumentOutOfRangeException(nameof(horizon), h, "horizon must be finite and > 0.");
        var byUser = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var order = new List<Pending>();
        WindowRecord? firstWindow = null;
        foreach (var row in rows)
        {
            if (user is not null && row.User != user)
            {
                if (row is WindowRecord other) firstWindow ??= other;
                continue;
            }
            if (!byUser.TryGetValue(row.User, out var p))
            {
                p = new Pending(row.User);
                byUser.Add(row.User, p);
                order.Add(p);
            }
            if (row is EventRecord e) { p.Events.Add(e); continue; }
            var w = (WindowRecord)row;
            if (p.Window is { } previous)
                throw new UserInputException($"{source}:{w.Line}: a second window row for user '{w.User}' (the first is on line {previous.Line}); give one window per user.");
            p.Window = w;
            firstWindow ??= w;
        }
        return firstWindow is null ? DefaultWindows(order, source, horizon) : FileWindows(order, source, horizon, firstWindow);
    }

    private static EventDataSet FileWindows(List<Pending> users, string source, double? horizon, WindowRecord first)
    {
        var logs = new List<UserLog>(users.Count);
        foreach (var p in users)
        {
            var w = p.Window ?? throw new UserInputException($"{source}:{p.Events[0].Line}: user '{p.User}' has events but no " +
                $"window row, while the file gives windows for other users (first on line {first.Line}); add a row " +
                $"{{\"user\":\"{p.User}\",\"kind\":\"window\",\"start\":…,\"end\":…}}.");
            if (horizon is { } h && w.Window.End != h)
                throw new UserInputException($"{source}:{w.Line}: the window {w.Window} of user '{p.User}' does not end at the " +
                    $"horizon {F(h)}; the file gives each user's window, so leave the horizon out (or make them agree).");
            foreach (var e in p.Events)
                if (!w.Window.Contains(e.Event.Time))
                    throw new UserInputException($"{source}:{e.Line}: field 'time': {F(e.Event.Time)} lies outside the window " +
                        $"{w.Window} of user '{p.User}' (line {w.Line}).");
            logs.Add(new UserLog(p.User, w.Window, new History(p.Events.Select(e => e.Event), p.User)));
        }
        return new EventDataSet(logs, WindowSource.PerUser);
    }

    private static EventDataSet DefaultWindows(List<Pending> users, string source, double? horizon)
    {
        double end;
        if (horizon is { } h)
        {
            foreach (var e in users.SelectMany(p => p.Events))
                if (e.Event.Time > h)
                    throw new UserInputException($"{source}:{e.Line}: field 'time': {F(e.Event.Time)} is after the horizon {F(h)}; " +
                        "pass a larger horizon, remove the event, or give the user's window in the file.");
            end = h;
        }
        else
        {
            end = users.SelectMany(p => p.Events).Select(e => e.Event.Time).DefaultIfEmpty(0).Max();
            if (users.Count > 0 && !(end > 0))
                throw new UserInputException($"{source}: every event is at time 0 and the file has no window rows, so the window " +
                    "[0, last event] is empty; give a horizon or window rows.");
        }
        var logs = users.Select(p => new UserLog(p.User, new ObservationWindow(0, end), new History(p.Events.Select(e => e.Event), p.User)));
        return new EventDataSet(logs, horizon is null ? WindowSource.LastEvent : WindowSource.Horizon);
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
