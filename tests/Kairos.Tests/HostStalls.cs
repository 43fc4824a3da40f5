using System.Diagnostics;

namespace Kairos.Tests;

/// <summary>
/// The periods in which this test process ran nothing: a heartbeat on the thread pool every <see cref="Beat"/>, and a
/// beat more than <see cref="Late"/> late marks a stall (the process descheduled on a starved machine, a long GC pause,
/// the pool taken by other tests). A test that bounds how long a call took subtracts the stalls inside the call: the
/// answer of a server that replied in time can sit unread in a stalled client (ProcessClusterTests once saw nine 200s,
/// sent together through two different silos, all "take" 33.74 s to within a millisecond).
/// </summary>
public sealed class HostStalls : IDisposable
{
    public static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(20), Late = TimeSpan.FromMilliseconds(200);
    private readonly List<(long From, long To)> _stalls = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts the heartbeat; with <paramref name="watch"/> false, stalls come only from <see cref="Add"/>.</summary>
    public HostStalls(bool watch = true)
    {
        if (watch) _ = Watch();
    }

    private async Task Watch()
    {
        long beat = (long)(Beat.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.IsCancellationRequested)
        {
            long before = Stopwatch.GetTimestamp();
            try { await Task.Delay(Beat, _stop.Token); }
            catch (OperationCanceledException) { return; }
            long after = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(before, after) - Beat > Late) Add(before + beat, after);
        }
    }

    /// <summary>Records a stall between two <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public void Add(long from, long to)
    {
        lock (_stalls) _stalls.Add((from, to));
    }

    /// <summary>How much of [from, to] (Stopwatch timestamps) the process spent stalled.</summary>
    public TimeSpan Within(long from, long to)
    {
        long ticks = 0;
        lock (_stalls)
            foreach (var (a, b) in _stalls)
                ticks += Math.Max(0, Math.Min(b, to) - Math.Max(a, from));
        return TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
    }

    /// <summary>The longest stall seen, for failure messages.</summary>
    public TimeSpan Longest()
    {
        lock (_stalls)
            return TimeSpan.FromSeconds(_stalls.Select(s => (double)(s.To - s.From)).DefaultIfEmpty(0).Max() / Stopwatch.Frequency);
    }

    public void Dispose() => _stop.Cancel();
}
