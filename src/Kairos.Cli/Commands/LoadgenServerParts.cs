using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Cli.Commands;

/// <summary>
/// What the server says, over one run, about where its time went: the store's group-commit histograms (queue wait,
/// batch commit, resumption after the acknowledgement) and the handler's time outside the store as quantiles; the
/// mean part of a request and of a slow one (above 2 ms) in µs, with how many of them a garbage collection paused; and
/// the collector's collections and pause time. Read from two /metrics texts, before and after the run.
/// </summary>
internal static class LoadgenServerParts
{
    private static readonly Regex Part = new("""^kairos_request_part_seconds_total\{requests="(all|slow)",part="([a-z_]+)"\} (\S+)$""", RegexOptions.Multiline);
    private static readonly Regex Requests = new("""^kairos_request_parts_requests_total\{requests="(all|slow)",gc="(any|paused)"\} (\d+)$""", RegexOptions.Multiline);
    private static readonly Regex Collections = new("""^dotnet_gc_collections_total\{generation="(\d)"\} (\d+)$""", RegexOptions.Multiline);
    private static readonly Regex Pause = new(@"^dotnet_gc_pause_seconds_total (\S+)$", RegexOptions.Multiline);
    private static readonly Regex IdLookupCount = new(@"^kairos_store_id_lookups_total (\d+)$", RegexOptions.Multiline);

    /// <summary>Store lookups of ids beyond the server's id window during the run; null when the server does not count them.</summary>
    public static long? IdLookups(string before, string after)
    {
        var lookups = Diff(IdLookupCount, before, after, _ => ("", ""), m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return lookups.Count == 0 ? null : (long)lookups[("", "")];
    }

    /// <summary>The quantiles of the store's and the handler's other histograms, by JSON name.</summary>
    public static object Quantiles(string before, string after) => new
    {
        storeQueueWaitMs = Histogram("kairos_store_queue_wait_seconds", before, after),
        storeBatchCommitMs = Histogram("kairos_store_batch_commit_seconds", before, after),
        storeResumeMs = Histogram("kairos_store_resume_seconds", before, after),
        outsideStoreMs = Histogram("kairos_http_request_outside_store_seconds", before, after),
    };

    private static object? Histogram(string name, string before, string after) =>
        LoadgenCommand.ServerQuantiles(LoadgenCommand.ParseHistogram(name, before), LoadgenCommand.ParseHistogram(name, after));

    /// <summary>Mean µs per request by part, for all serving requests and the slow ones, with their counts; null when
    /// the server does not report parts.</summary>
    public static object? Parts(string before, string after)
    {
        var sums = Diff(Part, before, after, m => (m.Groups[1].Value, m.Groups[2].Value), m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        var counts = Diff(Requests, before, after, m => (m.Groups[1].Value, m.Groups[2].Value), m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        if (sums.Count == 0) return null;
        object Of(string set)
        {
            double n = counts.GetValueOrDefault((set, "any"));
            return new
            {
                requests = (long)n,
                gcPaused = (long)counts.GetValueOrDefault((set, "paused")),
                meanUs = sums.Where(s => s.Key.Item1 == set).OrderBy(s => s.Key.Item2, StringComparer.Ordinal)
                    .ToDictionary(s => s.Key.Item2, s => n > 0 ? Math.Round(s.Value / n * 1e6, 1) : 0),
            };
        }
        return new { slowAboveMs = 2, all = Of("all"), slow = Of("slow") };
    }

    /// <summary>Collections per generation and the total and mean pause (ms) during the run.</summary>
    public static object? Gc(string before, string after)
    {
        var collections = Diff(Collections, before, after, m => (m.Groups[1].Value, ""), m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var pause = Diff(Pause, before, after, _ => ("", ""), m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        if (pause.Count == 0) return null;
        double total = pause[("", "")] * 1000, count = collections.GetValueOrDefault(("0", ""));
        return new
        {
            collections = collections.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ToDictionary(c => "gen" + c.Key.Item1, c => (long)c.Value),
            pauseMs = Math.Round(total, 3),
            meanPauseMs = count > 0 ? Math.Round(total / count, 3) : (double?)null,
        };
    }

    private static Dictionary<(string, string), double> Diff(Regex pattern, string before, string after, Func<Match, (string, string)> key, Func<Match, double> value)
    {
        var start = pattern.Matches(before).ToDictionary(key, value);
        return pattern.Matches(after).ToDictionary(key, m => value(m) - start.GetValueOrDefault(key(m)));
    }
}
