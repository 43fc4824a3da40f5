#!/usr/bin/env python3
"""Where a server's CPU goes, by component, from a `perf` profile (issue 11).

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 kairos serve …         # JIT symbols in /tmp/perf-PID.map
    perf record -F 1999 -g -p PID -o perf.data -- sleep 10                         # during a load run
    perf script -i perf.data -F comm,tid,ip,sym,dso > perf.txt
    perf-classify.py perf.txt WRITER_TID ACK_TID [US_PER_REQUEST]

Each sample goes to one component: every sample of the store's writer thread to the writer; otherwise the first frame,
from the leaf up, that names a component (so an allocation or a system call counts for the code that made it, when the
unwinder got past it: libc system calls lose their callers, hence the socket calls are named by their libc entry).
With US_PER_REQUEST (the server's CPU per request over the profiled run) each share is also given in µs per request.
"""
import collections, re, sys

WHOLE_STACK = [("store: checkpoint (pool thread)", r"CheckpointLoop")]
FROM_LEAF = [
    ("JSON (System.Text.Json)", r"System\.Text\.Json"),
    ("engine: id window", r"Kairos\.Serving\.(RecentIds|IdSlab)"),
    ("engine: user cache/gate", r"Kairos\.Serving\.(UserCache|UserGate|UserEntry)"),
    ("store: read/restore", r"Kairos\.Serving\.Sqlite|libe_sqlite3|Microsoft\.Data\.Sqlite"),
    ("store hand-off (writer queue, acknowledger)", r"Kairos\.Serving\.(GroupCommitWriter|Acknowledger)"),
    ("server: body parsing", r"Kairos\.Server\.RequestBodies"),
    ("server: metrics/timing", r"Kairos\.Server\.(ServerMetrics|RequestParts|RecentRequests|ProcessCounters)|"
                               r"Kairos\.Serving\.(LatencyBuckets|RequestTiming|CommitWaitStats|GroupCommitTimings|BatchSizeStats)|"
                               r"Measure>|GetTotalPauseDuration"),
    ("engine: decision/policy/bookkeeping", r"Kairos\."),
    ("Kestrel HTTP/1 + sockets (incl. kernel)", r"Kestrel|System\.IO\.Pipelines|System\.Net\.Sockets|__send|__libc_recv|"
                                                r"epoll_wait|PinnedBlockMemoryPool|libSystem\.Native"),
    ("ASP.NET routing", r"Microsoft\.AspNetCore\.Routing"),
    ("ASP.NET hosting/middleware/results", r"Microsoft\.AspNetCore\.(Http|Hosting|Diagnostics|Builder|HostFiltering)|"
                                           r"Microsoft\.Extensions|System\.Diagnostics\.Activity"),
    ("thread pool waiting/spinning", r"LowLevelLifoSemaphore|__sched_yield|PortableThreadPool|WorkerThread"),
    ("async/thread pool plumbing", r"ExecutionContext|ThreadPoolWorkQueue|System\.Threading"),
]


def component(tid, frames, writer):
    if tid == writer:
        return "store: writer thread"
    stack = "\n".join(frames)
    for name, pattern in WHOLE_STACK:
        if re.search(pattern, stack):
            return name
    for frame in frames:
        for name, pattern in FROM_LEAF:
            if re.search(pattern, frame):
                return name
    if "libclrjit" in stack:
        return "JIT"
    return "runtime native, unnamed (GC, allocation, stubs; checkpoint I/O)"


def main():
    path, writer, ack = sys.argv[1], sys.argv[2], sys.argv[3]
    us = float(sys.argv[4]) if len(sys.argv) > 4 else None
    counts, on_ack, total = collections.Counter(), collections.Counter(), 0
    head, frames = None, []

    def flush():
        nonlocal total
        if head:
            c = component(head[1], frames, writer)
            counts[c] += 1
            total += 1
            if head[1] == ack:
                on_ack[c] += 1

    for line in open(path):
        if not line.strip():
            flush(); head, frames = None, []
        elif line[0] in "\t ":
            frames.append(line.strip())
        else:
            m = re.match(r"(.*?)\s+(\d+)\s*$", line.rstrip())
            head, frames = (m.group(1), m.group(2)), []
    flush()
    print(f"{total} samples; component, share, µs per request" + ("" if us else " (not given)"))
    for c, n in counts.most_common():
        print(f"  {c:62s} {100 * n / total:5.1f} %" + (f"  {us * n / total:6.1f}" if us else ""))
    print("on the acknowledgement thread:")
    for c, n in on_ack.most_common():
        print(f"  {c:62s} {100 * n / total:5.1f} %" + (f"  {us * n / total:6.1f}" if us else ""))


main()
