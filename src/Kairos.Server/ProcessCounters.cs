using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kairos.Server;

/// <summary>The process's CPU time, managed allocations, GC collections, resident memory, the GC's committed and
/// fragmented bytes, the thread count (RSS = GC committed + native, so a growing RSS with a flat committed size is
/// native memory), the heap after the latest gen2 collection and each generation's size in the Prometheus text
/// format. CPU per request (the difference of <c>process_cpu_seconds_total</c> over a run divided by its requests)
/// does not depend on how busy the machine is, unlike throughput on shared cores.</summary>
public static class ProcessCounters
{
    public static void Render(StringBuilder s)
    {
        using var self = Process.GetCurrentProcess();
        Counter(s, "process_cpu_seconds_total", "User and system CPU time of the server process.", self.TotalProcessorTime.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        Counter(s, "dotnet_gc_allocated_bytes_total", "Managed bytes allocated since the process started.", GC.GetTotalAllocatedBytes(false).ToString(CultureInfo.InvariantCulture));
        Counter(s, "dotnet_gc_pause_seconds_total", "Time the garbage collector paused the process since it started.", GC.GetTotalPauseDuration().TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        s.Append("# HELP dotnet_gc_collections_total Garbage collections by generation.\n# TYPE dotnet_gc_collections_total counter\n");
        for (int g = 0; g <= GC.MaxGeneration; g++)
            s.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{g}\"}} {GC.CollectionCount(g)}\n");
        s.Append("# HELP process_resident_memory_bytes Resident set size.\n# TYPE process_resident_memory_bytes gauge\n");
        s.Append(CultureInfo.InvariantCulture, $"process_resident_memory_bytes {self.WorkingSet64}\n");
        var gc = GC.GetGCMemoryInfo();
        s.Append("# HELP dotnet_gc_heap_bytes Managed heap size after the last collection.\n# TYPE dotnet_gc_heap_bytes gauge\n");
        s.Append(CultureInfo.InvariantCulture, $"dotnet_gc_heap_bytes {gc.HeapSizeBytes}\n");
        Gauge(s, "dotnet_gc_committed_bytes", "Memory the GC has committed from the OS for the managed heap (at the last collection).", gc.TotalCommittedBytes);
        Gauge(s, "dotnet_gc_fragmented_bytes", "Free space inside the managed heap at the last collection.", gc.FragmentedBytes);
        Gauge(s, "process_threads", "Threads of the server process.", self.Threads.Count);
        // The heap right after the latest gen2 collection: between gen2s the heap after the last (gen0/1) collection also
        // holds whatever died in gen2 and the large object heap since, and rises until the next gen2. It still counts free
        // space inside the heap (fragmentation, e.g. the large object heap's free list) and, after a background gen2,
        // what died while it marked: an upper bound of the live data, which only a heap dump gives exactly.
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var full = background.Index >= blocking.Index ? background : blocking;
        Gauge(s, "dotnet_gc_heap_after_gen2_bytes", "Managed heap size after the latest gen2 collection, background or blocking (0 before the first), free space included: an upper bound of the live data then.",
            full.Index == 0 ? 0 : full.HeapSizeBytes);
        s.Append("# HELP dotnet_gc_generation_size_bytes Size of each generation after the last collection (loh, poh: large and pinned object heaps).\n# TYPE dotnet_gc_generation_size_bytes gauge\n");
        string[] generations = ["0", "1", "2", "loh", "poh"];
        var sizes = gc.GenerationInfo;
        for (int g = 0; g < generations.Length && g < sizes.Length; g++)
            s.Append(CultureInfo.InvariantCulture, $"dotnet_gc_generation_size_bytes{{generation=\"{generations[g]}\"}} {sizes[g].SizeAfterBytes}\n");
    }

    private static void Gauge(StringBuilder s, string name, string help, long value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder s, string name, string help, string value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
