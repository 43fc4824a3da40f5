#:project ../../src/Kairos.Serving/Kairos.Serving.csproj
// Resident managed bytes a user costs in DecisionEngine (a store that discards writes; ingest 0.7 / decide 0.3): first
// requests of 20,000 new users, then later requests of the same users (retained and allocated bytes per request).
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
long before = GC.GetTotalMemory(true);
long a0 = GC.GetTotalAllocatedBytes(true);
for (int i = 0; i < users; i++) await One($"u{i}", i);
long a1 = GC.GetTotalAllocatedBytes(true);
long after = GC.GetTotalMemory(true);
Console.WriteLine($"new users: resident {(after - before) / (double)users:F0} B/user, allocated {(a1 - a0) / (double)users:F0} B/request, users in memory {engine.UsersInMemory}");
int n = 1;
foreach (int round in new[] { 1, 2, 3, 4, 5, 10, 15, 16, 20, 30 })
{
    while (n < round) { for (int i = 0; i < users; i++) await One($"u{i}", i + n * users); n++; }
    before = GC.GetTotalMemory(true); a0 = GC.GetTotalAllocatedBytes(true);
    for (int i = 0; i < users; i++) await One($"u{i}", i + n * users);
    n++;
    a1 = GC.GetTotalAllocatedBytes(true); after = GC.GetTotalMemory(true);
    Console.WriteLine($"request {n} of each user: retained {(after - before) / (double)users:F0} B/request, allocated {(a1 - a0) / (double)users:F0} B/request");
}
GC.KeepAlive(engine);

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
