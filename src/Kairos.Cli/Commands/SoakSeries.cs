using System.Globalization;

namespace Kairos.Cli.Commands;

/// <summary>A soak run's time series: per interval (by the time each attempt was sent), the attempts, their statuses (also
/// per front the attempt went to, and per route), client-side latency percentiles, and the memory each server reported in
/// its /metrics at the interval's end (RSS, managed heap, GC committed bytes, heap after the latest gen2 collection).</summary>
internal sealed class SoakSeries(double interval, int servers, int fronts = 1)
{
    private sealed class Bucket
    {
        public readonly Dictionary<int, int> Statuses = [];
        public Dictionary<int, int>[] ByFront = [];
        public readonly Dictionary<int, int> Ingest = [], Decide = [];
        public readonly List<double> LatenciesMs = [];
        public double?[] RssMb = [];
        public double?[] HeapMb = [];
        public double?[] CommittedMb = [];
        public double?[] AfterGen2Mb = [];
    }

    private readonly Dictionary<int, Bucket> _buckets = [];
    private readonly Lock _gate = new();

    private Bucket At(double seconds)
    {
        int index = (int)Math.Floor(seconds / interval);
        if (!_buckets.TryGetValue(index, out var b)) _buckets[index] = b = new Bucket
        {
            RssMb = new double?[servers], HeapMb = new double?[servers], CommittedMb = new double?[servers], AfterGen2Mb = new double?[servers],
            ByFront = Enumerable.Range(0, fronts).Select(_ => new Dictionary<int, int>()).ToArray(),
        };
        return b;
    }

    /// <summary>One attempt sent at <paramref name="sentAt"/> seconds into the run to front <paramref name="front"/>
    /// (index into the URLs); status 0 = no answer.</summary>
    public void Attempt(double sentAt, int status, double latencyMs, int front = 0, bool ingest = true)
    {
        lock (_gate)
        {
            var b = At(sentAt);
            Count(b.Statuses, status);
            Count(b.ByFront[front], status);
            Count(ingest ? b.Ingest : b.Decide, status);
            b.LatenciesMs.Add(latencyMs);
        }
    }

    private static void Count(Dictionary<int, int> statuses, int status) => statuses[status] = statuses.GetValueOrDefault(status) + 1;

    private static Dictionary<string, int> Text(Dictionary<int, int> statuses) =>
        statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value);

    public void Memory(double at, int server, double? rssMb, double? heapMb, double? committedMb, double? afterGen2Mb = null)
    {
        lock (_gate)
        {
            var b = At(at);
            b.RssMb[server] = rssMb;
            b.HeapMb[server] = heapMb;
            b.CommittedMb[server] = committedMb;
            b.AfterGen2Mb[server] = afterGen2Mb;
        }
    }

    public IReadOnlyList<object> Rows()
    {
        lock (_gate)
            return _buckets.OrderBy(b => b.Key).Select(kv => (object)Row(kv.Key, kv.Value)).ToList();
    }

    /// <summary>One interval as a row; also used for progress lines.</summary>
    public object? Row(int index)
    {
        lock (_gate) return _buckets.TryGetValue(index, out var b) ? Row(index, b) : null;
    }

    private object Row(int index, Bucket b)
    {
        var sorted = b.LatenciesMs.Order().ToArray();
        double? P(double q) => sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        int attempts = sorted.Length, ok = b.Statuses.GetValueOrDefault(200);
        return new
        {
            t = index * interval,
            attempts,
            statuses = Text(b.Statuses),
            statusesByFront = b.ByFront.Select(Text).ToArray(),
            statusesByRoute = new { ingest = Text(b.Ingest), decide = Text(b.Decide) },
            errorRate = attempts == 0 ? (double?)null : (attempts - ok - b.Statuses.GetValueOrDefault(409)) / (double)attempts,
            latencyMs = new { p50 = P(0.5), p99 = P(0.99), max = sorted.Length == 0 ? (double?)null : sorted[^1] },
            rssMb = b.RssMb,
            gcHeapMb = b.HeapMb,
            gcCommittedMb = b.CommittedMb,
            gcHeapAfterGen2Mb = b.AfterGen2Mb,
        };
    }
}
