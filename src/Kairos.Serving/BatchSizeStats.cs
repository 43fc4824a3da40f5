namespace Kairos.Serving;

/// <summary>Histogram of group-commit batch sizes (number of user writes per transaction), buckets ≤ 1, 2, 4, … 1024,
/// +Inf; thread-safe.</summary>
public sealed class BatchSizeStats
{
    public static IReadOnlyList<int> Bounds { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    private readonly long[] _counts = new long[Bounds.Count + 1];
    private long _sum, _batches;

    public void Record(int size)
    {
        int i = 0;
        while (i < Bounds.Count && size > Bounds[i]) i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sum, size);
        Interlocked.Increment(ref _batches);
    }

    /// <summary>Count per bucket (non-cumulative); the last is the +Inf bucket.</summary>
    public long[] Counts => _counts.Select(c => Interlocked.Read(ref c)).ToArray();
    public long Sum => Interlocked.Read(ref _sum);
    public long Batches => Interlocked.Read(ref _batches);
}
