namespace Kairos.Serving;

/// <summary>Histogram of each group-commit write's wait, from being queued to its batch's commit (what the store adds to
/// a request's latency), in seconds; buckets <see cref="LatencyBuckets"/>; thread-safe.</summary>
public sealed class CommitWaitStats
{
    private readonly long[] _counts = new long[LatencyBuckets.Bounds.Count + 1];
    private long _count;
    private double _sum;
    private readonly Lock _gate = new();

    public void Record(double seconds)
    {
        int i = LatencyBuckets.IndexOf(seconds);
        lock (_gate)
        {
            _counts[i]++;
            _count++;
            _sum += seconds;
        }
    }

    /// <summary>Count per bucket (non-cumulative, the last is +Inf), total count and sum, read together.</summary>
    public (long[] Counts, long Count, double Sum) Read()
    {
        lock (_gate) return ((long[])_counts.Clone(), _count, _sum);
    }
}
