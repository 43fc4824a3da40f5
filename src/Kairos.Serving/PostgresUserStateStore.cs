using Kairos.PointProcesses;
using Npgsql;
using NpgsqlTypes;

namespace Kairos.Serving;

/// <summary>
/// The production store: PostgreSQL through Npgsql (<c>--store postgres:CONNSTRING</c>). One group-commit writer owns
/// one connection and commits each drained batch as one <see cref="NpgsqlBatch"/> in one transaction: every record of
/// the batch goes in through a single <c>INSERT … SELECT FROM unnest(…)</c>, every snapshot through a single upsert.
/// Loading a user is one round trip (a batch of three queries). Tables are created in the connection's search path
/// (<c>kairos_events</c>, <c>kairos_snapshots</c>, <c>kairos_outbox</c>; an outbox created before skipped actions
/// entered it gets their flag, its rows all emitted).
/// </summary>
public sealed class PostgresUserStateStore : IUserStateStore
{
    private readonly NpgsqlDataSource _source;
    private NpgsqlConnection? _writeConnection;
    private readonly GroupCommitWriter<UserWrite> _writer;

    public PostgresUserStateStore(string connectionString) : this(connectionString, StartupAttempts) { }

    internal PostgresUserStateStore(string connectionString, int startupAttempts)
    {
        _source = NpgsqlDataSource.Create(PostgresConnections.WithDefaults(connectionString));
        _writeConnection = OpenAtStartup(startupAttempts);
        EnsureSchema(_writeConnection);
        _writer = new GroupCommitWriter<UserWrite>(Commit, Batches, timings: CommitTimings);
    }

    public BatchSizeStats Batches { get; } = new();
    public GroupCommitTimings CommitTimings { get; } = new();

    /// <summary>How often the first connection is tried when it times out (each try bounded by the connection
    /// string's Timeout, Npgsql's default 15 s).</summary>
    public const int StartupAttempts = 4;

    /// <summary>
    /// The first connection of a process does far more than later ones: Npgsql compiles its connection path and loads
    /// the server's type catalog, and PostgreSQL starts a backend. On a CPU-starved machine (load average 65 on 2
    /// cores) that exceeded the 15 s Timeout and a starting silo exited with "cannot open the database (The operation
    /// has timed out)". A timed-out first connection is therefore tried again, the compiled code warm by then; a refused
    /// one (wrong port, no server) fails at once.
    /// </summary>
    private NpgsqlConnection OpenAtStartup(int attempts)
    {
        for (int attempt = 1; ; attempt++)
        {
            try { return _source.OpenConnection(); }
            catch (NpgsqlException e) when (attempt < attempts && TimedOut(e)) { }
        }
    }

    /// <summary>
    /// Creates the tables when they are missing. A store opened on an existing schema (every start but the first) only
    /// reads the catalog: <c>CREATE INDEX … IF NOT EXISTS</c> takes a SHARE lock on kairos_events before it sees that the
    /// index exists, which waits for every write in flight and queues every later write behind it. Several processes may
    /// open one fresh schema at once (the silos of a cluster), and concurrent <c>CREATE … IF NOT EXISTS</c> can still
    /// collide on PostgreSQL's catalog (23505 on pg_type), so creation is serialized by a transaction-scoped advisory
    /// lock keyed by the schema: stores of different schemas on one database never wait for each other (with one key
    /// for the whole database, a test run opening dozens of schemas at once queued past the 30 s command timeout).
    /// </summary>
    private static void EnsureSchema(NpgsqlConnection connection)
    {
        using (var present = new NpgsqlCommand(SchemaPresent, connection))
            if (present.ExecuteScalar() is true) return;
        using var tx = connection.BeginTransaction();
        using (var lockSchema = new NpgsqlCommand(SchemaLock, connection, tx)) lockSchema.ExecuteNonQuery();
        using (var schema = new NpgsqlCommand(Schema, connection, tx)) schema.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>Takes the creation lock of the connection's schema (the first of its search path that exists).</summary>
    internal const string SchemaLock = "SELECT pg_advisory_xact_lock(1262568786, hashtext(current_schema()))";   // 1262568786: "KAIR"

    /// <summary>True when every object <see cref="Schema"/> creates exists in the current schema (no table is locked).</summary>
    private const string SchemaPresent = """
        SELECT CASE WHEN current_schema() IS NULL THEN false ELSE
                 to_regclass(format('%I.kairos_events', current_schema())) IS NOT NULL
             AND to_regclass(format('%I.kairos_events_by_id', current_schema())) IS NOT NULL
             AND to_regclass(format('%I.kairos_snapshots', current_schema())) IS NOT NULL
             AND EXISTS (SELECT 1 FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = 'kairos_outbox' AND column_name = 'skipped') END
        """;

    private static bool TimedOut(Exception? e) => e is not null && (e is TimeoutException || TimedOut(e.InnerException));

    private const string Columns = "seq, id, time, kind, mark, value, propensity, policy_version, feedback, context";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS kairos_events(
          policy text NOT NULL, user_id text NOT NULL, seq bigint NOT NULL, id text, time double precision NOT NULL,
          kind integer NOT NULL, mark integer NOT NULL, value double precision, propensity double precision,
          policy_version text, feedback bytea, context bytea,
          PRIMARY KEY(policy, user_id, seq));
        CREATE UNIQUE INDEX IF NOT EXISTS kairos_events_by_id ON kairos_events(policy, user_id, id) WHERE id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS kairos_snapshots(
          policy text NOT NULL, user_id text NOT NULL, seq bigint NOT NULL, version text NOT NULL, state bytea NOT NULL,
          PRIMARY KEY(policy, user_id));
        CREATE TABLE IF NOT EXISTS kairos_outbox(
          outbox_seq bigserial PRIMARY KEY, policy text NOT NULL, user_id text NOT NULL, action_id text NOT NULL,
          time double precision NOT NULL, mark integer NOT NULL, skipped boolean NOT NULL DEFAULT false,
          UNIQUE(policy, user_id, action_id));
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = 'kairos_outbox' AND column_name = 'skipped') THEN
            ALTER TABLE kairos_outbox ADD COLUMN skipped boolean NOT NULL DEFAULT false;   -- an outbox of emitted actions only
          END IF;
        END $$;
        """;

    public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default) =>
        LoadAsync(policy, user, version, long.MaxValue, ct);

    public async Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default)
    {
        const string Key = "policy = $1 AND user_id = $2";
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(c)
        {
            BatchCommands =
            {
                Command($"SELECT seq, state, (SELECT seq FROM kairos_events WHERE {Key} ORDER BY seq DESC LIMIT 1), " +
                        $"(SELECT time FROM kairos_events WHERE {Key} ORDER BY seq DESC LIMIT 1), " +
                        $"(SELECT time FROM kairos_events WHERE {Key} ORDER BY seq LIMIT 1) " +
                        "FROM (SELECT 1) one LEFT JOIN kairos_snapshots s ON s.policy = $1 AND s.user_id = $2 AND s.version = $3", policy, user, version),
                Command($"SELECT {Columns} FROM kairos_events WHERE {Key} AND seq > " +
                        $"COALESCE((SELECT seq FROM kairos_snapshots WHERE {Key} AND version = $3), 0) ORDER BY seq", policy, user, version),
                Command($"SELECT {Columns} FROM kairos_events WHERE {Key} AND id IS NOT NULL AND seq > " +
                        $"COALESCE((SELECT max(seq) FROM kairos_events WHERE {Key}), 0) - $3", policy, user, Math.Min(idWindow, long.MaxValue / 2)),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        var snapshot = r.IsDBNull(0) ? null : new StoredSnapshot(r.GetInt64(0), version, (byte[])r.GetValue(1));
        long count = r.IsDBNull(2) ? 0 : r.GetInt64(2);
        double? last = r.IsDBNull(3) ? null : r.GetDouble(3), first = r.IsDBNull(4) ? null : r.GetDouble(4);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var records = await ReadRecords(r, ct).ConfigureAwait(false);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var identified = await ReadRecords(r, ct).ConfigureAwait(false);
        return new UserHistory(snapshot, records, identified, count, last, first);
    }

    /// <summary>One lookup on the unique id index (policy, user_id, id).</summary>
    public async Task<IReadOnlyDictionary<string, StoredRecord>> FindIdsAsync(string policy, string user, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var q = new NpgsqlCommand($"SELECT {Columns} FROM kairos_events WHERE policy = $1 AND user_id = $2 AND id = ANY($3)", c);
        q.Parameters.Add(new NpgsqlParameter { Value = policy });
        q.Parameters.Add(new NpgsqlParameter { Value = user });
        q.Parameters.Add(Array(ids.ToArray(), NpgsqlDbType.Text));
        await using var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return (await ReadRecords(r, ct).ConfigureAwait(false)).ToDictionary(x => x.Id!, StringComparer.Ordinal);
    }

    public Task CommitAsync(UserWrite write, CancellationToken ct = default) => _writer.WriteAsync(write, ct);

    /// <summary>One transaction per drained batch on the writer's connection, reopened after a failure (the server
    /// restarted, the connection was dropped): the failed batch fails its callers (503), the next one reconnects.</summary>
    private void Commit(IReadOnlyList<UserWrite> writes)
    {
        _writeConnection ??= _source.OpenConnection();
        try { Commit(_writeConnection, writes); }
        catch
        {
            _writeConnection.Dispose();
            _writeConnection = null;
            throw;
        }
    }

    /// <summary>All records through one unnest insert, all snapshots through one upsert (a user has at most one write
    /// in flight, so no key repeats).</summary>
    private static void Commit(NpgsqlConnection connection, IReadOnlyList<UserWrite> writes)
    {
        var rows = new UnnestColumns(writes.Sum(w => w.Records.Count));
        foreach (var w in writes)
            foreach (var e in w.Records) rows.Add(w.Policy, w.User, e);
        var snapshots = writes.Where(w => w.Snapshot is not null).ToArray();
        using var tx = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, tx);
        if (rows.Count > 0)
            batch.BatchCommands.Add(rows.Insert($"INSERT INTO kairos_events(policy, user_id, {Columns}) SELECT * FROM unnest("));
        if (snapshots.Length > 0)
        {
            var upsert = new NpgsqlBatchCommand(
                "INSERT INTO kairos_snapshots(policy, user_id, seq, version, state) SELECT * FROM unnest($1, $2, $3, $4, $5) " +
                "ON CONFLICT(policy, user_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, state = excluded.state");
            upsert.Parameters.Add(Array(snapshots.Select(w => w.Policy).ToArray(), NpgsqlDbType.Text));
            upsert.Parameters.Add(Array(snapshots.Select(w => w.User).ToArray(), NpgsqlDbType.Text));
            upsert.Parameters.Add(Array(snapshots.Select(w => w.Snapshot!.Seq).ToArray(), NpgsqlDbType.Bigint));
            upsert.Parameters.Add(Array(snapshots.Select(w => w.Snapshot!.Version).ToArray(), NpgsqlDbType.Text));
            upsert.Parameters.Add(Array(snapshots.Select(w => w.Snapshot!.State).ToArray(), NpgsqlDbType.Bytea));
            batch.BatchCommands.Add(upsert);
        }
        var outbox = writes.Where(w => w.OutboxRow is not null).Select(w => (w.Policy, w.User, Row: w.OutboxRow!.Value)).ToArray();
        if (outbox.Length > 0)
        {
            // Writers (one per process) take turns on the outbox until they commit, so cursors (bigserial) are
            // assigned in commit order: a reader never finds a smaller cursor appearing after a larger one.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("LOCK TABLE kairos_outbox IN SHARE ROW EXCLUSIVE MODE"));
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO kairos_outbox(policy, user_id, action_id, time, mark, skipped) SELECT * FROM unnest($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(Array(outbox.Select(o => o.Policy).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(outbox.Select(o => o.User).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(outbox.Select(o => o.Row.Record.Id!).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(outbox.Select(o => o.Row.Record.Time).ToArray(), NpgsqlDbType.Double));
            insert.Parameters.Add(Array(outbox.Select(o => o.Row.Record.Mark).ToArray(), NpgsqlDbType.Integer));
            insert.Parameters.Add(Array(outbox.Select(o => o.Row.Skipped).ToArray(), NpgsqlDbType.Boolean));
            batch.BatchCommands.Add(insert);
        }
        if (batch.BatchCommands.Count > 0) batch.ExecuteNonQuery();
        tx.Commit();
    }

    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy)
    {
        using var c = _source.OpenConnection();
        using var q = new NpgsqlCommand($"SELECT user_id, {Columns} FROM kairos_events WHERE policy = $1 ORDER BY user_id COLLATE \"C\", seq", c);
        q.Parameters.Add(new NpgsqlParameter { Value = policy });
        using var r = q.ExecuteReader();
        while (r.Read()) yield return (r.GetString(0), Read(r, 1));
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var q = new NpgsqlCommand("SELECT outbox_seq, policy, user_id, action_id, time, mark, skipped FROM kairos_outbox WHERE outbox_seq > $1 " +
                                              $"{(includeSkipped ? "" : "AND NOT skipped ")}ORDER BY outbox_seq {(newest ? "DESC" : "")} LIMIT $2", c);
        q.Parameters.Add(new NpgsqlParameter { Value = after });
        q.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        await using var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<OutboxEntry>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(new OutboxEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetInt32(5), r.GetBoolean(6)));
        return rows;
    }

    public IEnumerable<string> Users(string policy)
    {
        using var c = _source.OpenConnection();
        using var q = new NpgsqlCommand("SELECT DISTINCT user_id COLLATE \"C\" FROM kairos_events WHERE policy = $1 ORDER BY 1", c);
        q.Parameters.Add(new NpgsqlParameter { Value = policy });
        using var r = q.ExecuteReader();
        while (r.Read()) yield return r.GetString(0);
    }

    public IEnumerable<StoredRecord> ReadUser(string policy, string user)
    {
        using var c = _source.OpenConnection();
        using var q = new NpgsqlCommand($"SELECT {Columns} FROM kairos_events WHERE policy = $1 AND user_id = $2 ORDER BY seq", c);
        q.Parameters.Add(new NpgsqlParameter { Value = policy });
        q.Parameters.Add(new NpgsqlParameter { Value = user });
        using var r = q.ExecuteReader();
        while (r.Read()) yield return Read(r, 0);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return command;
    }

    internal static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };

    private static async Task<List<StoredRecord>> ReadRecords(NpgsqlDataReader r, CancellationToken ct)
    {
        var list = new List<StoredRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false)) list.Add(Read(r, 0));
        return list;
    }

    // Columns from `at`: seq, id, time, kind, mark, value, propensity, policy_version, feedback, context.
    private static StoredRecord Read(NpgsqlDataReader r, int at) => new(r.GetInt64(at), r.IsDBNull(at + 1) ? null : r.GetString(at + 1),
        r.GetDouble(at + 2), (EventKind)r.GetInt32(at + 3), r.GetInt32(at + 4), r.IsDBNull(at + 5) ? null : r.GetDouble(at + 5),
        r.IsDBNull(at + 6) ? null : r.GetDouble(at + 6), r.IsDBNull(at + 7) ? null : r.GetString(at + 7),
        VectorBlob.Read(r.IsDBNull(at + 8) ? null : (byte[])r.GetValue(at + 8)), VectorBlob.Read(r.IsDBNull(at + 9) ? null : (byte[])r.GetValue(at + 9)));

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (_writeConnection is not null) await _writeConnection.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }
}
