using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Cli.Commands;

/// <summary>
/// CPU time and managed allocations of the server (from its /metrics counters) and of the generator itself, sampled
/// before and after a run. CPU per request does not depend on how many other processes share the cores, so
/// <c>cores / (server + generator CPU per request)</c> estimates the request rate the machine sustains when the two
/// have the cores to themselves, even when wall-clock throughput is starved by other load.
/// </summary>
internal static class LoadgenCost
{
    public sealed record Sample(double ServerCpu, long ServerAllocated, double ClientCpu, long ClientAllocated, bool HasServer);

    private static readonly Regex Cpu = new(@"^process_cpu_seconds_total (\S+)$", RegexOptions.Multiline);
    private static readonly Regex Allocated = new(@"^dotnet_gc_allocated_bytes_total (\S+)$", RegexOptions.Multiline);

    public static async Task<Sample> Take(HttpClient client)
    {
        double serverCpu = 0;
        long serverAllocated = 0;
        bool has = false;
        try
        {
            string metrics = await client.GetStringAsync("/metrics");
            if (Cpu.Match(metrics) is { Success: true } c && Allocated.Match(metrics) is { Success: true } a)
            {
                serverCpu = double.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture);
                serverAllocated = long.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture);
                has = true;
            }
        }
        catch (HttpRequestException) { }
        using var self = Process.GetCurrentProcess();
        return new Sample(serverCpu, serverAllocated, self.TotalProcessorTime.TotalSeconds, GC.GetTotalAllocatedBytes(false), has);
    }

    /// <summary>Per-request CPU (µs) and allocations (bytes) of server and generator, and the capacity they imply.</summary>
    public static object Report(Sample before, Sample after, long requests)
    {
        int cores = Environment.ProcessorCount;
        double clientUs = (after.ClientCpu - before.ClientCpu) * 1e6 / requests;
        double? serverUs = after.HasServer && before.HasServer ? (after.ServerCpu - before.ServerCpu) * 1e6 / requests : null;
        return new
        {
            cores,
            serverCpuUsPerRequest = serverUs,
            clientCpuUsPerRequest = clientUs,
            serverAllocatedBytesPerRequest = after.HasServer && before.HasServer ? (after.ServerAllocated - before.ServerAllocated) / (double)requests : (double?)null,
            clientAllocatedBytesPerRequest = (after.ClientAllocated - before.ClientAllocated) / (double)requests,
            capacityRequestsPerSecond = serverUs is { } s ? cores * 1e6 / (s + clientUs) : (double?)null,
            serverOnlyCapacityRequestsPerSecond = serverUs is { } s2 ? cores * 1e6 / s2 : (double?)null,
        };
    }
}
