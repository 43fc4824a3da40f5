#:project ../../src/Kairos.Serving/Kairos.Serving.csproj
// The SQLite store's commit path alone, as the server drives it (issue 11): WRITERS concurrent callers, each committing
// one user's write at a time (ingest 0.7: one feedback event; decide 0.3: one decision record; a snapshot every 64 of a
// user's records), users drawn at random among USERS, after PRELOAD writes fill the file. Prints, for the MEASURED
// writes: writes per batch, the group-commit thread's CPU µs per write and per batch (from /proc: what the machine's
// load cannot hide), the acknowledgement thread's CPU µs per write, the whole process's CPU µs per write and its
// allocated bytes per write, and the file sizes. WAL_LIMIT_MIB (default: the store's, 1024) bounds the WAL.
//   dotnet run -c Release bench/commit-path/commit.cs -- [USERS] [PRELOAD] [MEASURED] [WRITERS] [WAL_LIMIT_MIB]
// Every SEGMENT (40,000) writes, preload included, it prints a line: writes so far, the WAL file's size, and the
// group-commit thread's CPU µs per write over the segment — how the writer's cost follows the WAL's size. At the end:
// the writer thread's WAL restarts (how many, per 1,000 writes, and the stall each caused: median, p90, p99, max).
using System.Diagnostics;
using Kairos.PointProcesses;
using Kairos.Serving;

int users = Arg(0, 100_000), preload = Arg(1, 400_000), measured = Arg(2, 100_000), writers = Arg(3, 6);
const int Segment = 40_000;
string dir = Directory.CreateTempSubdirectory("commit-path-").FullName;
string db = Path.Combine(dir, "k.db");
var store = args.Length > 4 ? new SqliteUserStateStore(db, walLimitBytes: (long)Arg(4, 1024) << 20) : new SqliteUserStateStore(db);   // bounded
var seq = new long[users];
var snapAt = new long[users];
var busy = new bool[users];
var rng = new Random(1);
long ids = 0, written = 0;
var snapshot = new byte[64];
// The acknowledgement thread starts first (a field of the writer), the group-commit thread in its constructor.
var (ackTid, writerTid) = (Thread("kairos group co"), Thread("kairos group co", second: true));
Console.WriteLine($"pid {Environment.ProcessId}, group-commit thread {writerTid}, acknowledgement thread {ackTid}");
var clock = Stopwatch.StartNew();
long segmentCpu = ThreadCpuUs(writerTid);

await Drive(preload, 64);
long b0 = store.Batches.Batches, w0 = ThreadCpuUs(writerTid), k0 = ThreadCpuUs(ackTid);
var p0 = Process.GetCurrentProcess().TotalProcessorTime; long a0 = GC.GetTotalAllocatedBytes(true);
var wall = Stopwatch.StartNew();
await Drive(measured, writers);
wall.Stop();
long batches = store.Batches.Batches - b0, writerUs = ThreadCpuUs(writerTid) - w0, ackUs = ThreadCpuUs(ackTid) - k0;
double processUs = (Process.GetCurrentProcess().TotalProcessorTime - p0).TotalMicroseconds;
long allocated = GC.GetTotalAllocatedBytes(true) - a0;
Console.WriteLine($"writes {measured}, writers {writers}, batches {batches} ({measured / (double)batches:F2} writes/batch), wall {wall.Elapsed.TotalSeconds:F2} s");
Console.WriteLine($"group-commit thread CPU: {writerUs / (double)measured:F1} µs/write, {writerUs / (double)batches:F1} µs/batch");
Console.WriteLine($"acknowledgement thread CPU: {ackUs / (double)measured:F1} µs/write; process CPU {processUs / measured:F1} µs/write; allocated {allocated / (double)measured:F0} B/write");
Restarts();   // bounded
foreach (var f in Directory.GetFiles(dir)) Console.WriteLine($"before closing, {Path.GetFileName(f)}: {new FileInfo(f).Length / 1024} KiB");
await store.DisposeAsync();
foreach (var f in Directory.GetFiles(dir)) Console.WriteLine($"{Path.GetFileName(f)}: {new FileInfo(f).Length / 1024} KiB");
Directory.Delete(dir, true);

void Restarts()   // bounded
{   // bounded
    var r = store.WalRestarts;   // bounded
    var ms = r.Recent().Select(s => s * 1e3).Order().ToArray();   // bounded
    double Q(double q) => ms.Length == 0 ? double.NaN : ms[(int)Math.Min(ms.Length - 1, Math.Floor(q * ms.Length))];   // bounded
    Console.WriteLine($"WAL restarts by the writer: {r.Restarted} of {r.Steps} attempts, {r.Steps * 1000.0 / (preload + measured):F2} per 1,000 writes; " +   // bounded
        $"stall ms median {Q(0.5):F3}, p90 {Q(0.9):F3}, p99 {Q(0.99):F3}, max {(ms.Length == 0 ? double.NaN : ms[^1]):F3} (last {ms.Length})");   // bounded
}   // bounded

async Task Drive(int count, int concurrency)
{
    int next = 0;
    var tasks = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        await Task.Yield();
        while (Interlocked.Increment(ref next) <= count)
        {
            await store.CommitAsync(Write());
            if (Interlocked.Increment(ref written) % Segment == 0) Report();
        }
    }).ToArray();
    await Task.WhenAll(tasks);
}

void Report()
{
    long cpu = ThreadCpuUs(writerTid);
    long wal = File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0;
    Console.WriteLine($"  {Interlocked.Read(ref written),9:N0} writes  {clock.Elapsed.TotalSeconds,7:F1} s  WAL {wal / 1048576.0,8:F1} MiB  " +
        $"group-commit CPU {(cpu - Interlocked.Exchange(ref segmentCpu, cpu)) / (double)Segment,6:F1} µs/write over the last {Segment:N0}");
}

UserWrite Write()
{
    int u;
    long s;
    bool decide;
    lock (rng)
    {
        do u = rng.Next(users); while (busy[u]);
        busy[u] = true;
        s = ++seq[u];
        decide = rng.NextDouble() < 0.3;
    }
    string id = $"r1765000000000-{Interlocked.Increment(ref ids)}";
    double t = 1.7e9 + s;
    var record = decide
        ? new StoredRecord(s, id, t, EventKind.Opportunity, 0, null, 0.5, "v-uniform-1")
        : new StoredRecord(s, id, t, EventKind.Feedback, 0, 1.0);
    StoredSnapshot? snap = null;
    if (s - snapAt[u] >= 64) { snap = new StoredSnapshot(s, "v-uniform-1", snapshot); snapAt[u] = s; }
    var w = new UserWrite("default", $"user{u}", [record], snap);
    busy[u] = false;   // one write per user at a time is what the server's gate guarantees; here writes are independent rows
    return w;
}

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i]) : fallback;

static int Thread(string prefix, bool second = false)
{
    var found = Directory.GetDirectories("/proc/self/task")
        .Select(d => (Tid: int.Parse(Path.GetFileName(d)), Name: File.ReadAllText(Path.Combine(d, "comm")).Trim()))
        .Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(t => t.Tid).ToArray();
    return found[second ? 1 : 0].Tid;
}

static long ThreadCpuUs(int tid)
{
    // schedstat: nanoseconds on a CPU, waiting to run, timeslices
    return long.Parse(File.ReadAllText($"/proc/self/task/{tid}/schedstat").Split(' ')[0]) / 1000;
}
