#:project ../../src/Kairos.Serving/Kairos.Serving.csproj
// Resident managed bytes a user costs in DecisionEngine (a store that discards writes; ingest 0.7 / decide 0.3): first
// requests of 20,000 new users, then later requests of the same users (retained and allocated bytes per request, for
// each request number 2 … 20 and the 30th). "Small-object" bytes are what gen0/gen1 collections copy; bytes on the
// large object heap (the id-window slab's chunks) are never copied by them.
// `dotnet run -c Release bench/resident-state/resident.cs [USERS]`; docs/serving.md has the figures.
using Kairos.Serving;
using Kairos.PointProcesses;

int users = int.Parse(args.Length > 0 ? args[0] : "20000");
var store = new NullStore();
var engine = new DecisionEngine(store, new PolicyCatalog([PolicyFiles.Default(PolicyCatalog.DefaultName, 1)]), new EngineOptions());
var rng = new Random(1);
double t = 1.7e9;
// warm
for (int i = 0; i < 2000; i++) await One($"w{i}", i);
var before = Heap();
long a0 = GC.GetTotalAllocatedBytes(true);
for (int i = 0; i < users; i++) await One($"u{i}", i);
long a1 = GC.GetTotalAllocatedBytes(true);
var after = Heap();
Console.WriteLine($"new users: resident {(after.Total - before.Total) / (double)users:F0} B/user ({(after.Small - before.Small) / (double)users:F0} small-object, " +
    $"{(after.Large - before.Large) / (double)users:F0} large-object), allocated {(a1 - a0) / (double)users:F0} B/request, users in memory {engine.UsersInMemory}");
int n = 1;
foreach (int round in Enumerable.Range(1, 19).Append(29))
{
    while (n < round) { for (int i = 0; i < users; i++) await One($"u{i}", i + n * users); n++; }
    before = Heap(); a0 = GC.GetTotalAllocatedBytes(true);
    for (int i = 0; i < users; i++) await One($"u{i}", i + n * users);
    n++;
    a1 = GC.GetTotalAllocatedBytes(true); after = Heap();
    Console.WriteLine($"request {n} of each user: retained {(after.Total - before.Total) / (double)users:F0} B/request " +
        $"({(after.Small - before.Small) / (double)users:F0} small-object, {(after.Large - before.Large) / (double)users:F0} large-object), allocated {(a1 - a0) / (double)users:F0} B/request");
}
GC.KeepAlive(engine);

// Live bytes after full blocking collections: in all, on the small-object heap (gen0–gen2) and on the large and pinned
// object heaps, each without fragmentation.
static (long Total, long Small, long Large) Heap()
{
    long total = GC.GetTotalMemory(true);
    var info = GC.GetGCMemoryInfo(GCKind.Any);
    long Live(int g) => info.GenerationInfo[g].SizeAfterBytes - info.GenerationInfo[g].FragmentationAfterBytes;
    return (total, Live(0) + Live(1) + Live(2), Live(3) + Live(4));
}

async Task One(string user, int i)
{
    t += 0.001;
    string id = $"r1765000000000-{i}";
    if (rng.NextDouble() < 0.7) await engine.IngestAsync(PolicyCatalog.DefaultName, user, [new IncomingEvent(id, t, EventKind.Feedback, 0, 1.0)]);
    else await engine.DecideAsync(PolicyCatalog.DefaultName, user, id, t);
}

sealed class NullStore : IUserStateStore
{
    public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default) => Task.FromResult(UserHistory.Empty);
    public Task CommitAsync(UserWrite write, CancellationToken ct = default) => Task.CompletedTask;
    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy) => [];
    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OutboxEntry>>([]);
    public BatchSizeStats Batches { get; } = new();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
