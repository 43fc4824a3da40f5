using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The SQLite store's WAL stays bounded under sustained writes (the writer thread starts it over between batches once
/// it holds half the limit), and what is written across many such restarts reads back exactly as an in-memory store fed
/// the same writes holds it — while readers run, and after the file is opened again.
/// </summary>
public class SqliteWalBoundTests
{
    private const long Limit = 1 << 20;
    private const int Writers = 4, Users = 200;

    /// <summary>The writer checks the WAL after every batch and starts it over once it holds the limit (no reader can
    /// stop that here), so the WAL never holds more than the limit plus one batch. A batch here is at most one write per
    /// writer, and a write of one record changes at most 16 pages (a leaf of each b-tree it touches, the pages a split
    /// adds up the tree, page 1), each one WAL frame of 24 bytes plus the 4,096-byte page.</summary>
    private const long Bound = Limit + Writers * 16 * (4096 + 24);

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_WAL_file_stays_within_its_limit_under_sustained_writes(bool fullSync)
    {
        string path = ServingFixtures.TempDb();
        long largest = 0;
        await using (var store = new SqliteUserStateStore(path, fullSync, Limit))
        {
            await Write(Writes(2_000), store, afterEach: () =>
            {
                long size = WalSize(path);
                lock (store) largest = Math.Max(largest, size);
            });
            Assert.True(store.WalRestarts.Restarted >= 5, $"{store.WalRestarts.Restarted} restarts of the WAL");
        }
        Assert.True(largest > Limit / 2, $"the WAL reached only {largest} B: the test wrote too little to show a bound");
        Assert.True(largest <= Bound, $"the WAL file reached {largest} B, over {Bound} B (limit {Limit} B and one batch)");
    }

    [Fact]
    public async Task Writes_across_many_WAL_restarts_read_back_as_an_in_memory_store_holds_them_while_readers_run()
    {
        string path = ServingFixtures.TempDb();
        var writes = Writes(3_000);
        var memory = new InMemoryUserStateStore();
        await Write(writes, memory);
        await using (var store = new SqliteUserStateStore(path, walLimitBytes: SqliteUserStateStore.MinWalLimit))
        {
            using (var stop = new CancellationTokenSource())
            {
                var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() => ReadWhileWriting(store, r, stop.Token))).ToArray();
                await Write(writes[..1_500], store);
                await stop.CancelAsync();
                Assert.All(await Task.WhenAll(readers), loads => Assert.True(loads > 0));
            }
            long withReaders = store.WalRestarts.Restarted;
            await Write(writes[1_500..], store);   // no reader can hold a restart back here: each attempt restarts the WAL
            Assert.True(store.WalRestarts.Restarted - withReaders >= 20, $"{store.WalRestarts.Restarted - withReaders} restarts of the WAL without readers");
            await AssertSame(memory, store);
        }
        await using var reopened = new SqliteUserStateStore(path);
        await AssertSame(memory, reopened);
    }

    /// <summary>Loads random users' histories until stopped; the records after the snapshot must follow it without a gap
    /// (seq s+1, s+2, …), as committed. Returns how many it loaded.</summary>
    private static async Task<int> ReadWhileWriting(SqliteUserStateStore store, int seed, CancellationToken stop)
    {
        var rng = new Random(100 + seed);
        int loads = 0;
        while (!stop.IsCancellationRequested)
        {
            var h = await store.LoadAsync("p", $"u{rng.Next(Users)}", "v1", CancellationToken.None);
            long first = h.Snapshot?.Seq ?? 0;
            Assert.Equal(Enumerable.Range(1, h.Records.Count).Select(i => first + i), h.Records.Select(r => r.Seq));
            loads++;
        }
        return loads;
    }

    private static async Task AssertSame(IUserStateStore expected, IUserStateStore actual)
    {
        Assert.Equal(expected.ReadAll("p").Select(Text), actual.ReadAll("p").Select(Text));
        for (int u = 0; u < Users; u++)
        {
            var (e, a) = (await expected.LoadAsync("p", $"u{u}", "v1"), await actual.LoadAsync("p", $"u{u}", "v1"));
            Assert.Equal((e.Count, e.Snapshot?.Seq, Hex(e.Snapshot?.State)), (a.Count, a.Snapshot?.Seq, Hex(a.Snapshot?.State)));
        }
    }

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    private static string Text((string User, StoredRecord Record) r) =>
        $"{r.User} {r.Record.Seq} {r.Record.Id} {r.Record.Time:R} {r.Record.Kind} {r.Record.Value:R} {r.Record.Propensity:R} {r.Record.PolicyVersion}";

    /// <summary>Each writer commits its own users' writes in order, one at a time, as the server's per-user gate
    /// does.</summary>
    private static Task Write(List<UserWrite> writes, IUserStateStore store, Action? afterEach = null) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(k => Task.Run(async () =>
        {
            foreach (var w in writes.Where(w => int.Parse(w.User[1..]) % Writers == k))
            {
                await store.CommitAsync(w);
                afterEach?.Invoke();
            }
        })));

    /// <summary>One record per write (a feedback event or a decision, with an id), a snapshot every 16 of a user's
    /// records; fixed seed.</summary>
    private static List<UserWrite> Writes(int count)
    {
        var rng = new Random(7);
        var seq = new long[Users];
        var writes = new List<UserWrite>(count);
        for (int i = 0; i < count; i++)
        {
            int u = rng.Next(Users);
            long s = ++seq[u];
            var record = rng.NextDouble() < 0.3
                ? new StoredRecord(s, $"d{i}", s, EventKind.Opportunity, 0, null, 0.5, "v1")
                : new StoredRecord(s, $"f{i}", s, EventKind.Feedback, 0, rng.NextDouble());
            var snapshot = s % 16 == 0 ? new StoredSnapshot(s, "v1", BitConverter.GetBytes(s)) : null;
            writes.Add(new UserWrite("p", $"u{u}", [record], snapshot));
        }
        return writes;
    }

    private static long WalSize(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;
}
