namespace Kairos.Server;

/// <summary>
/// The latest serving requests (ingest, decide, next action, user reads: not the dashboard's own polling) for the
/// dashboard: request rate and latency percentiles over a sliding window, and the users seen most recently. The window
/// runs on the server's clock (<see cref="ServerOptions.Clock"/>).
/// </summary>
public sealed class RecentRequests(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    public const int Capacity = 8192, UserCapacity = 20;
    private readonly long[] _at = new long[Capacity];
    private readonly double[] _seconds = new double[Capacity];
    private readonly string[] _users = new string[UserCapacity];   // most recent first, distinct
    private int _userCount;
    private readonly Lock _gate = new();
    private readonly long _started = (clock ?? TimeProvider.System).GetTimestamp();
    private long _count;

    public sealed record Window(double Seconds, long Requests, double PerSecond, double? P50Ms, double? P90Ms, double? P99Ms, long Total);

    public void Record(double seconds, string? user)
    {
        long now = _clock.GetTimestamp();
        lock (_gate)
        {
            int i = (int)(_count++ % Capacity);
            (_at[i], _seconds[i]) = (now, seconds);
            if (user is null) return;
            int at = Array.IndexOf(_users, user, 0, _userCount);
            if (at < 0) at = _userCount < UserCapacity ? _userCount++ : UserCapacity - 1;   // the oldest drops out when full
            Array.Copy(_users, 0, _users, 1, at);
            _users[0] = user;
        }
    }

    public IReadOnlyList<string> Users
    {
        get { lock (_gate) return _users[.._userCount]; }
    }

    /// <summary>Requests that finished in the last <paramref name="seconds"/> (at most <see cref="Capacity"/> of them):
    /// their rate and latency percentiles (nearest rank).</summary>
    public Window Last(double seconds)
    {
        long now = _clock.GetTimestamp();
        long since = now - (long)(seconds * _clock.TimestampFrequency);
        var latencies = new List<double>();
        long total;
        lock (_gate)
        {
            total = _count;
            long n = Math.Min(_count, Capacity);
            for (long k = 0; k < n; k++)
            {
                int i = (int)((_count - 1 - k) % Capacity);
                if (_at[i] < since) break;
                latencies.Add(_seconds[i]);
            }
        }
        latencies.Sort();
        double window = Math.Min(seconds, _clock.GetElapsedTime(_started, now).TotalSeconds);
        return new Window(seconds, latencies.Count, window > 0 ? latencies.Count / window : 0,
            Rank(latencies, 0.50), Rank(latencies, 0.90), Rank(latencies, 0.99), total);
    }

    private static double? Rank(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : 1000 * sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
