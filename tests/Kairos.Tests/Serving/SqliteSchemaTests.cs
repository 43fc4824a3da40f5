using Kairos.PointProcesses;
using Kairos.Serving;
using Microsoft.Data.Sqlite;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>
/// The SQLite layout where a user's records and id claims share one b-tree: files of the former layout (table
/// <c>events</c> with the unique index <c>events_by_id</c>) open with every record and every id kept, and a binary
/// of the former layout refuses a migrated file instead of serving it as empty.
/// </summary>
public class SqliteSchemaTests
{
    /// <summary>The first released layout (before events kept feedback and context vectors), written by hand.</summary>
    private const string FormerLayout = """
        CREATE TABLE events(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, time REAL NOT NULL,
          kind INTEGER NOT NULL, mark INTEGER NOT NULL, value REAL, propensity REAL, policy_version TEXT,
          PRIMARY KEY(policy, user_id, seq)) WITHOUT ROWID;
        CREATE UNIQUE INDEX events_by_id ON events(policy, user_id, id) WHERE id IS NOT NULL;
        CREATE TABLE snapshots(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, version TEXT NOT NULL, state BLOB NOT NULL,
          PRIMARY KEY(policy, user_id)) WITHOUT ROWID;
        INSERT INTO events VALUES ('default', 'u', 1, 'e1', 1.0, 1, 0, 1.0, NULL, NULL);
        INSERT INTO events VALUES ('default', 'u', 2, NULL, 2.0, 1, 0, 0.5, NULL, NULL);
        INSERT INTO events VALUES ('default', 'u', 3, '7', 3.0, 1, 0, 1.0, NULL, NULL);
        INSERT INTO events VALUES ('default', 'v', 1, 'e1', 4.0, 1, 0, 1.0, NULL, NULL);
        """;

    private static string FormerFile()
    {
        string path = TempDb();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = FormerLayout;
            q.ExecuteNonQuery();
        }
        return path;
    }

    private static IncomingEvent Feedback(string id, double t) => new(id, t, EventKind.Feedback, 0, 1.0);

    [Fact]
    public async Task A_file_of_the_former_layout_keeps_every_record_and_still_refuses_its_stored_ids()
    {
        string path = FormerFile();
        await using (var store = new SqliteUserStateStore(path))
        {
            var rows = store.ReadAll("default").Select(r => (r.User, r.Record.Seq, r.Record.Id, r.Record.Time, r.Record.Value)).ToList();
            Assert.Equal([("u", 1L, "e1", 1.0, 1.0), ("u", 2L, null, 2.0, 0.5), ("u", 3L, "7", 3.0, 1.0), ("v", 1L, "e1", 4.0, 1.0)], rows);
            var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = 1 });
            Assert.Equal(new UserSummary(3, 3.0), await engine.UserAsync("default", "u"));
            var stale = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("e1", 5)]));
            Assert.Equal("events[0].id", stale.Field);
            Assert.Equal(new IngestResult(1, 0), await engine.IngestAsync("default", "u", [Feedback("e4", 5)]));
        }
        await using (var reopened = new SqliteUserStateStore(path))   // opening a migrated file again changes nothing
            Assert.Equal([1L, 2L, 3L, 4L], reopened.ReadUser("default", "u").Select(r => r.Seq));
    }

    [Fact]
    public async Task Ids_that_read_as_numbers_are_claims_apart_from_sequence_numbers()
    {
        string path = TempDb();
        await using var store = new SqliteUserStateStore(path);
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = 1 });
        Assert.Equal(new IngestResult(3, 0), await engine.IngestAsync("default", "u", [Feedback("2", 1), Feedback("1", 2), Feedback("3", 3)]));
        await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("1", 4)]));
        Assert.Equal(["2", "1", "3"], store.ReadUser("default", "u").Select(r => r.Id!));
        Assert.Equal(new UserSummary(3, 3.0), await new DecisionEngine(store, Catalog()).UserAsync("default", "u"));
    }

    [Fact]
    public async Task A_binary_of_the_former_layout_refuses_a_migrated_file_and_the_events_view_reads_the_records()
    {
        string path = FormerFile();
        await using (new SqliteUserStateStore(path)) { }
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT group_concat(seq || ':' || coalesce(id, '-'), ' ') FROM events WHERE user_id = 'u'";
        Assert.Equal("1:e1 2:- 3:7", q.ExecuteScalar());
        q.CommandText = "CREATE TABLE IF NOT EXISTS events(policy TEXT, user_id TEXT, seq INTEGER, id TEXT, PRIMARY KEY(policy, user_id, seq)) WITHOUT ROWID;" +
                        "CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events(policy, user_id, id) WHERE id IS NOT NULL;";
        var refused = Assert.Throws<SqliteException>(() => q.ExecuteNonQuery());
        Assert.Contains("views may not be indexed", refused.Message);
    }
}
