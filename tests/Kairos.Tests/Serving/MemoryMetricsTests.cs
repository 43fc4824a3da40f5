using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Server;

namespace Kairos.Tests.Serving;

/// <summary>/metrics exports what separates managed from native memory growth: RSS, the GC's committed and fragmented
/// bytes, the heap size and the thread count, as Prometheus gauges, the GC's figures from one collection and consistent
/// with each other (the heap fits in what the GC committed, its free space in the heap).</summary>
public class MemoryMetricsTests
{
    private static long Value(string metrics, string name)
    {
        var m = Regex.Match(metrics, $"^# TYPE {name} gauge\n{name} (\\d+)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"{name} is not a gauge of /metrics");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_export_rss_gc_committed_heap_and_threads()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        GC.Collect();
        string metrics = await server.Client.GetStringAsync("/metrics");
        long rss = Value(metrics, "process_resident_memory_bytes"), committed = Value(metrics, "dotnet_gc_committed_bytes");
        long heap = Value(metrics, "dotnet_gc_heap_bytes"), fragmented = Value(metrics, "dotnet_gc_fragmented_bytes");
        Assert.InRange(heap, 1, committed);
        Assert.InRange(fragmented, 0, heap);
        Assert.True(rss > 0);
        Assert.InRange(Value(metrics, "process_threads"), 2, 10_000);
        // GC.Collect() above is a full blocking collection: the heap after the latest gen2 is known, and each generation's size
        Assert.True(Value(metrics, "dotnet_gc_heap_after_gen2_bytes") > 0);
        foreach (string g in new[] { "0", "1", "2", "loh", "poh" })
            Assert.Matches($"(?m)^dotnet_gc_generation_size_bytes\\{{generation=\"{g}\"\\}} \\d+$", metrics);
    }

    /// <summary>/metrics is written chunk by chunk (no 120 KB string on the large object heap per scrape): the text is
    /// whole — every family's HELP has its TYPE and value lines, the last family included — and its content type the
    /// Prometheus text format's.</summary>
    [Fact]
    public async Task Metrics_are_served_whole_in_the_prometheus_text_format()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        for (int i = 0; i < 3; i++)
            (await server.Client.PostAsync($"/v1/users/u{i}/events", new StringContent($"{{\"events\":[{{\"id\":\"e{i}\",\"time\":1,\"kind\":\"feedback\",\"value\":1}}]}}",
                System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var response = await server.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 30_000, $"{text.Length} characters: the test is meant for a text above the large-object threshold as one string");
        Assert.EndsWith("\n", text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^(# (HELP|TYPE) [a-z_0-9]+ .+|[a-z_0-9]+(\{.*\})? (-?[0-9.eE+-]+|NaN|\+Inf))$", l));   // labels may hold braces: route="/v1/users/{id}/events"
        Assert.Equal(lines.Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)), lines.Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)));
        Assert.StartsWith("dotnet_gc_generation_size_bytes{generation=\"poh\"} ", lines[^1]);   // the last family, whole
    }
}
