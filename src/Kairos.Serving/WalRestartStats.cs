namespace Kairos.Serving;

/// <summary>
/// The writer thread's WAL restarts (<see cref="SqliteCheckpoints"/>): how many it ran, how many restarted the WAL,
/// and how long the writer was stalled by each (seconds, including the wait for a background checkpoint in progress):
/// a histogram (<see cref="LatencyBuckets"/>) and the most recent <see cref="Recent"/> durations exactly. Thread-safe.
/// </summary>
public sealed class WalRestartStats
{
    private const int Kept = 4096;
    private readonly double[] _recent = new double[Kept];
    private readonly Lock _gate = new();
    private long _steps, _restarted;

    public CommitWaitStats Stall { get; } = new();

    public void Record(double seconds, bool restarted)
    {
        Stall.Record(seconds);
        lock (_gate)
        {
            _recent[_steps % Kept] = seconds;
            _steps++;
            if (restarted) _restarted++;
        }
    }

    public long Steps { get { lock (_gate) return _steps; } }
    public long Restarted { get { lock (_gate) return _restarted; } }

    /// <summary>The last (up to 4,096) stall durations in seconds, oldest first.</summary>
    public double[] Recent()
    {
        lock (_gate)
        {
            int n = (int)Math.Min(_steps, Kept);
            return Enumerable.Range(0, n).Select(i => _recent[(_steps - n + i) % Kept]).ToArray();
        }
    }
}
