using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kairos.Serving;
using Microsoft.AspNetCore.Http;

namespace Kairos.Server;

/// <summary>Request counts and server-side handler latency per route, rendered with the engine's and store's gauges
/// in the Prometheus text format (version 0.0.4).</summary>
public sealed class ServerMetrics
{
    private sealed class Histogram
    {
        public readonly long[] Counts = new long[LatencyBuckets.Bounds.Count + 1];
        public long Count;
        public double Sum;
        public readonly Lock Gate = new();
    }

    private readonly ConcurrentDictionary<(string Route, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new();

    public void Record(string route, int status, double seconds)
    {
        _requests.AddOrUpdate((route, status), 1, (_, n) => n + 1);
        var h = _latency.GetOrAdd(route, _ => new Histogram());
        int i = double.IsNaN(seconds) ? LatencyBuckets.Bounds.Count : LatencyBuckets.IndexOf(seconds);
        lock (h.Gate)
        {
            h.Counts[i]++;
            h.Count++;
            h.Sum += seconds;
        }
    }

    public string Render(DecisionEngine engine) => RenderText(engine).ToString();

    /// <summary>/metrics as it is served: each chunk of the text encoded straight into the response. The text is some
    /// 60 KB (120 KB as one string), above the 85,000 bytes from which .NET allocates on the large object heap, which
    /// only a gen2 collection frees: as one string, every scrape (the soak's, every 5 s) left 120 KB there, the managed
    /// heap rose ~1.3 MB a minute between gen2 collections, and a single node scraped 200 times in a row ran 5 gen2
    /// collections (docs/serving.md, soak s18). A StringBuilder's chunks are at most 8,000 characters.</summary>
    public async Task WriteAsync(DecisionEngine engine, HttpResponse response)
    {
        var text = RenderText(engine);
        response.ContentType = "text/plain; version=0.0.4";
        var encoder = Encoding.UTF8.GetEncoder();
        foreach (var chunk in text.GetChunks())
            encoder.Convert(chunk.Span, response.BodyWriter, flush: false, out _, out _);
        encoder.Convert(ReadOnlySpan<char>.Empty, response.BodyWriter, flush: true, out _, out _);
        await response.BodyWriter.FlushAsync();
    }

    private StringBuilder RenderText(DecisionEngine engine)
    {
        var s = new StringBuilder();
        RenderRequests(s);
        s.Append("# HELP kairos_users_in_memory Resident (policy, user) states.\n# TYPE kairos_users_in_memory gauge\n");
        s.Append(Inv($"kairos_users_in_memory {engine.UsersInMemory}\n"));
        s.Append("# HELP kairos_user_evictions_total Users evicted from memory.\n# TYPE kairos_user_evictions_total counter\n");
        s.Append(Inv($"kairos_user_evictions_total {engine.Evictions}\n"));
        s.Append("# HELP kairos_actions_emitted_total Planned next actions emitted by this process (committed with their outbox row).\n# TYPE kairos_actions_emitted_total counter\n");
        s.Append(Inv($"kairos_actions_emitted_total {engine.ActionsEmitted}\n"));
        s.Append("# HELP kairos_actions_skipped_late_total Planned next actions skipped by this process as later than --max-lateness (recorded, re-planned, never emitted).\n# TYPE kairos_actions_skipped_late_total counter\n");
        s.Append(Inv($"kairos_actions_skipped_late_total {engine.ActionsSkippedLate}\n"));
        s.Append("# HELP kairos_store_id_lookups_total Store lookups of ids beyond the in-memory id window (retries and out-of-order events of users with more records than --id-window).\n# TYPE kairos_store_id_lookups_total counter\n");
        s.Append(Inv($"kairos_store_id_lookups_total {engine.IdLookups}\n"));
        var batches = engine.Store.Batches;
        s.Append("# HELP kairos_store_batch_size User writes per group commit.\n# TYPE kairos_store_batch_size histogram\n");
        Buckets(s, "kairos_store_batch_size", "", BatchSizeStats.Bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), batches.Counts, batches.Batches, batches.Sum);
        if (engine.Store.CommitTimings is { } timings)
        {
            RenderHistogram(s, "kairos_store_commit_wait_seconds", "Each write's wait from being queued to its group commit.", timings.Wait);
            RenderHistogram(s, "kairos_store_queue_wait_seconds", "Each write's wait from being queued until the writer took it into a batch.", timings.Queue);
            RenderHistogram(s, "kairos_store_batch_commit_seconds", "Each group-commit batch: taken until its last write was acknowledged.", timings.Batch);
            RenderHistogram(s, "kairos_store_resume_seconds", "Each write's acknowledgement until its caller ran again.", timings.Resume);
        }
        if (engine.Store is SqliteUserStateStore sqlite)
        {
            s.Append("# HELP kairos_store_wal_restarts_total WAL restarts the SQLite store's writer thread ran between batches, by outcome (restarted, or given up for a reader).\n# TYPE kairos_store_wal_restarts_total counter\n");
            var (steps, restarted) = (sqlite.WalRestarts.Steps, sqlite.WalRestarts.Restarted);
            s.Append(Inv($"kairos_store_wal_restarts_total{{outcome=\"restarted\"}} {restarted}\nkairos_store_wal_restarts_total{{outcome=\"gave_up\"}} {steps - restarted}\n"));
            RenderHistogram(s, "kairos_store_wal_restart_stall_seconds", "How long each WAL restart held the writer thread (no commit meanwhile).", sqlite.WalRestarts.Stall);
        }
        RenderHistogram(s, "kairos_http_request_outside_store_seconds", "Serving requests' handler latency minus their store wait.", Parts.OutsideStore);
        Parts.Render(s);
        ProcessCounters.Render(s);
        return s;
    }

    /// <summary>The request counters and the handler-latency histograms (buckets: <see cref="LatencyBuckets"/>).</summary>
    public void RenderRequests(StringBuilder s)
    {
        s.Append("# HELP kairos_http_requests_total HTTP requests by route template and status.\n# TYPE kairos_http_requests_total counter\n");
        foreach (var ((route, status), n) in _requests.OrderBy(r => r.Key.Route, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
            s.Append(Inv($"kairos_http_requests_total{{route=\"{Escape(route)}\",status=\"{status}\"}} {n}\n"));
        s.Append("# HELP kairos_http_request_duration_seconds Server-side handler latency.\n# TYPE kairos_http_request_duration_seconds histogram\n");
        foreach (var (route, h) in _latency.OrderBy(r => r.Key, StringComparer.Ordinal))
            lock (h.Gate)
                Buckets(s, "kairos_http_request_duration_seconds", $"route=\"{Escape(route)}\",", Labels, h.Counts, h.Count, h.Sum);
    }

    /// <summary>Where serving requests' time goes (<see cref="RequestParts"/>).</summary>
    public RequestParts Parts { get; } = new();

    private static void RenderHistogram(StringBuilder s, string name, string help, CommitWaitStats stats)
    {
        var (counts, count, sum) = stats.Read();
        s.Append(Inv($"# HELP {name} {help}\n# TYPE {name} histogram\n"));
        Buckets(s, name, "", Labels, counts, count, sum);
    }

    private static readonly string[] Labels = LatencyBuckets.Bounds.Select(b => b.ToString("R", CultureInfo.InvariantCulture)).ToArray();

    private static void Buckets(StringBuilder s, string name, string labels, IEnumerable<string> bounds, long[] counts, long count, double sum)
    {
        long cumulative = 0;
        int i = 0;
        foreach (var le in bounds.Append("+Inf"))
        {
            cumulative += counts[i++];
            s.Append(Inv($"{name}_bucket{{{labels}le=\"{le}\"}} {cumulative}\n"));
        }
        string l = labels.Length > 0 ? $"{{{labels.TrimEnd(',')}}}" : "";
        s.Append(Inv($"{name}_sum{l} {sum:R}\n{name}_count{l} {count}\n"));
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
    private static string Inv(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
