using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// The tables of <see cref="SqliteUserStateStore"/>. A user's records and the ids they claim share one WITHOUT ROWID
/// b-tree, <c>records</c>, keyed by (policy, user_id, k): a record's k is its sequence number (an INTEGER ≥ 1); an id's
/// claim is a row whose k is the id (TEXT) and whose other columns are empty. SQLite orders every integer before any
/// text, so a user's records and claims are neighbours in the same leaf pages: appending an identified event changes
/// one page, where the former layout (table <c>events</c> and its unique index <c>events_by_id</c>, two b-trees)
/// changed two; the primary key still refuses an id the user already claimed. Records are the rows with
/// <see cref="IsRecord"/>, which no text key satisfies.
///
/// A file in the former layout is migrated when opened, in one transaction (it commits whole or not at all). A view
/// <c>events</c> keeps the former columns readable by hand, and makes a binary that expects the former table refuse
/// the file ("views may not be indexed") instead of serving it as if it were empty.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The rows of <c>records</c> that are records (integer keys), not id claims.</summary>
    public const string IsRecord = "k <= 9223372036854775807";

    private const string Columns = "time REAL, kind INTEGER, mark INTEGER, value REAL, propensity REAL, policy_version TEXT, feedback BLOB, context BLOB";

    // k is declared without a type, so it has no affinity: an id such as "5" stays TEXT and never meets seq 5.
    private const string Tables = $"""
        CREATE TABLE IF NOT EXISTS records(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, k NOT NULL, id TEXT, {Columns},
          PRIMARY KEY(policy, user_id, k)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshots(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, version TEXT NOT NULL, state BLOB NOT NULL,
          PRIMARY KEY(policy, user_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS outbox(
          outbox_seq INTEGER PRIMARY KEY AUTOINCREMENT, policy TEXT NOT NULL, user_id TEXT NOT NULL, action_id TEXT NOT NULL,
          time REAL NOT NULL, mark INTEGER NOT NULL, skipped INTEGER NOT NULL DEFAULT 0, UNIQUE(policy, user_id, action_id));
        """;

    private const string EventsView = $"""
        CREATE VIEW IF NOT EXISTS events AS
          SELECT policy, user_id, k AS seq, id, time, kind, mark, value, propensity, policy_version, feedback, context
          FROM records WHERE {IsRecord};
        """;

    private const string AllColumns = "policy, user_id, seq, id, time, kind, mark, value, propensity, policy_version, feedback, context";

    /// <summary>Creates the tables, or migrates a file in the former layout (its records and their ids move into
    /// <c>records</c>, the old table and its index are dropped; an outbox without the <c>skipped</c> flag gets it, its
    /// rows all emitted actions) in one transaction.</summary>
    public static void Apply(SqliteConnection c)
    {
        using var tx = c.BeginTransaction();
        bool former = Scalar(c, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'") > 0;
        if (former) AddVectorColumns(c, tx);
        Execute(c, tx, Tables);
        if (Scalar(c, tx, "SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'skipped'") == 0)   // an outbox of emitted actions only
            Execute(c, tx, "ALTER TABLE outbox ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;");
        if (former)
        {
            Execute(c, tx, $"INSERT INTO records({AllColumns.Replace("seq", "k")}) SELECT {AllColumns} FROM events;");
            Execute(c, tx, "INSERT INTO records(policy, user_id, k) SELECT policy, user_id, id FROM events WHERE id IS NOT NULL;");
            Execute(c, tx, "DROP TABLE events;");
        }
        Execute(c, tx, EventsView);
        tx.Commit();
    }

    /// <summary>Files written before events kept their feedback and context vectors get the two columns.</summary>
    private static void AddVectorColumns(SqliteConnection c, SqliteTransaction tx)
    {
        if (Scalar(c, tx, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'feedback'") == 0)
            Execute(c, tx, "ALTER TABLE events ADD COLUMN feedback BLOB; ALTER TABLE events ADD COLUMN context BLOB;");
    }

    private static long Scalar(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var q = c.CreateCommand();
        q.Transaction = tx;
        q.CommandText = sql;
        return (long)q.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var q = c.CreateCommand();
        q.Transaction = tx;
        q.CommandText = sql;
        q.ExecuteNonQuery();
    }
}
