#:package Microsoft.Diagnostics.Tracing.TraceEvent@3.1.21
#:property ManagePackageVersionsCentrally=false
// One line per garbage collection of a server traced with the runtime's own EventPipe (no tool to install):
//   DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=/tmp/trace-{pid}.nettrace \
//   DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:4 kairos serve …
// then `dotnet run bench/gc-events/gcevents.cs -- /tmp/trace-PID.nettrace`. Per collection: its generation, the whole
// pause (suspension start to restart end) split into suspension, the collection and the restart, and the KB it marked
// from each kind of root (stack, finalization queue, handles, and "older": objects reachable from older generations
// through the card table), plus gen1's size after it and what triggered it (AllocSmall: gen0's budget; AllocLarge: the
// large object heap's). A summary per generation follows.
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

using var source = new EventPipeEventSource(args[0]);
var clr = new ClrTraceEventParser(source);
double suspendStart = 0, suspendEnd = 0, gcStart = 0, gcEnd = 0;
int generation = -1;
string reason = "";
long gen1Size = 0;
var marked = new long[6];
var pauses = new Dictionary<int, List<double>>();
clr.GCSuspendEEStart += e => suspendStart = e.TimeStampRelativeMSec;
clr.GCSuspendEEStop += e => suspendEnd = e.TimeStampRelativeMSec;
clr.GCStart += e => { gcStart = e.TimeStampRelativeMSec; generation = e.Depth; reason = e.Reason.ToString(); Array.Clear(marked); };
clr.GCStop += e => gcEnd = e.TimeStampRelativeMSec;
clr.GCMarkWithType += e => { if ((int)e.Type < marked.Length) marked[(int)e.Type] += e.Promoted; };
clr.GCHeapStats += e => gen1Size = e.GenerationSize1;
clr.GCRestartEEStop += e =>
{
    if (generation < 0) return;   // a suspension for something other than a collection
    double pause = e.TimeStampRelativeMSec - suspendStart;
    (pauses.TryGetValue(generation, out var list) ? list : pauses[generation] = []).Add(pause);
    Console.WriteLine($"{gcStart / 1000,9:F3} s  gen{generation}  pause {pause,7:F2} ms = suspend {suspendEnd - suspendStart,5:F2} + gc {gcEnd - gcStart,7:F2} + restart {e.TimeStampRelativeMSec - gcEnd,5:F2}" +
        $"  marked KB: stack {marked[0] / 1024} finalization {marked[1] / 1024} handles {marked[2] / 1024} older {marked[3] / 1024}  gen1 after {gen1Size / 1024} KB  reason {reason}");
    generation = -1;
};
source.Process();
foreach (var (gen, list) in pauses.OrderBy(p => p.Key))
{
    list.Sort();
    Console.WriteLine($"gen{gen}: {list.Count} collections, pause median {list[list.Count / 2]:F2} ms, max {list[^1]:F2} ms, total {list.Sum():F1} ms");
}
