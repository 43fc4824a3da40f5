#:package Microsoft.Diagnostics.Tracing.TraceEvent@3.1.21
#:property ManagePackageVersionsCentrally=false
// The types a traced server allocates, by sampled bytes (the runtime's GCAllocationTick, one event per ~100 KB):
//   DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=/tmp/trace.nettrace \
//   DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:5 kairos serve …    (stop it with SIGTERM)
//   dotnet run bench/server-cpu/alloc-types.cs -- /tmp/trace.nettrace [TYPE]
// With TYPE (as printed, e.g. System.Diagnostics.Activity), the call stacks that allocate it instead.
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length > 1)
{
    using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
    var stacks = new Dictionary<string, long>();
    foreach (var e in log.Events)
    {
        if (e is not GCAllocationTickTraceData tick || tick.TypeName != args[1]) continue;
        var frames = new System.Text.StringBuilder();
        int depth = 0;
        for (var frame = e.CallStack(); frame is not null && depth < 12; frame = frame.Caller, depth++)
            frames.Append("   ").AppendLine(frame.CodeAddress.FullMethodName);
        stacks[frames.ToString()] = stacks.GetValueOrDefault(frames.ToString()) + tick.AllocationAmount64;
    }
    foreach (var (frames, bytes) in stacks.OrderByDescending(s => s.Value).Take(5)) Console.WriteLine($"{bytes / 1e6:F1} MB\n{frames}");
    return;
}
using var source = new EventPipeEventSource(args[0]);
var bytesByType = new Dictionary<string, long>();
long total = 0;
new ClrTraceEventParser(source).GCAllocationTick += e =>
{
    bytesByType[e.TypeName ?? "?"] = bytesByType.GetValueOrDefault(e.TypeName ?? "?") + e.AllocationAmount64;
    total += e.AllocationAmount64;
};
source.Process();
Console.WriteLine($"sampled {total / 1e6:F1} MB");
foreach (var (type, bytes) in bytesByType.OrderByDescending(t => t.Value).Take(40)) Console.WriteLine($"{100.0 * bytes / total,6:F2} %  {type}");
