using Kairos.Serving;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kairos.Tests.Serving;

/// <summary>
/// An outbox written before skipped actions entered it (no <c>skipped</c> column) gets the flag when its store opens,
/// on SQLite and PostgreSQL: its rows read back as emitted actions with their cursors, a skip then commits with the
/// next cursor, and opening the store again changes nothing.
/// </summary>
public class OutboxMigrationTests
{
    private const string FormerOutbox = """
        CREATE TABLE {0}(
          outbox_seq {1}, policy TEXT NOT NULL, user_id TEXT NOT NULL, action_id TEXT NOT NULL,
          time {2} NOT NULL, mark INTEGER NOT NULL, UNIQUE(policy, user_id, action_id));
        INSERT INTO {0}(policy, user_id, action_id, time, mark) VALUES ('default', 'u', 'action@1.5', 1.5, 2);
        """;

    [Fact]
    public async Task A_sqlite_outbox_of_emitted_actions_only_gets_the_skipped_flag()
    {
        string path = ServingFixtures.TempDb();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = string.Format(FormerOutbox, "outbox", "INTEGER PRIMARY KEY AUTOINCREMENT", "REAL");
            q.ExecuteNonQuery();
        }
        await AssertMigrated(() => new SqliteUserStateStore(path));
    }

    [PostgresFact]
    public async Task A_postgres_outbox_of_emitted_actions_only_gets_the_skipped_flag()
    {
        string connection = PostgresCluster.NewSchema();
        await using (var c = new NpgsqlConnection(connection))
        {
            await c.OpenAsync();
            await using var q = new NpgsqlCommand(string.Format(FormerOutbox, "kairos_outbox", "bigserial PRIMARY KEY", "double precision"), c);
            await q.ExecuteNonQueryAsync();
        }
        await AssertMigrated(() => new PostgresUserStateStore(connection));
    }

    private static async Task AssertMigrated(Func<IUserStateStore> open)
    {
        var former = new OutboxEntry(1, "default", "u", "action@1.5", 1.5, 2);
        await using (var store = open())
        {
            Assert.Equal([former], await store.ReadOutboxAsync(0, 10));
            Assert.Equal([former], await store.ReadOutboxAsync(0, 10, includeSkipped: true));
            var skip = SkippedAction.Record(1, 100, new(4, 1), "v1");
            await store.CommitAsync(new UserWrite("default", "w", [skip], null) { Skipped = skip });
            Assert.Equal([former], await store.ReadOutboxAsync(0, 10));
            Assert.Equal([former, new OutboxEntry(2, "default", "w", "action@4", 100, 1, Skipped: true)], await store.ReadOutboxAsync(0, 10, includeSkipped: true));
        }
        await using (var reopened = open())   // migrating again changes nothing
            Assert.Equal(2, (await reopened.ReadOutboxAsync(0, 10, includeSkipped: true)).Count);
    }
}
