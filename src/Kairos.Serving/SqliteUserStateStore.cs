using Kairos.PointProcesses;
using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. One group-commit writer owns the write connection and
/// commits each drained batch in one transaction (synchronous=NORMAL by default: survives a killed process; FULL also
/// survives power loss). Checkpoints run off the write path (wal_autocheckpoint=0 on the writer, a passive checkpoint
/// every ~500 ms on a background connection). Reads use their own pooled connections.
/// </summary>
public sealed class SqliteUserStateStore : IUserStateStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writeConnection;
    private readonly SqliteCommand _insertEvent, _upsertSnapshot;
    private readonly GroupCommitWriter<UserWrite> _writer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _checkpoints;

    public SqliteUserStateStore(string path, bool fullSync = false)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _writeConnection = Open();
        Execute(_writeConnection, "PRAGMA journal_mode=WAL;");
        Execute(_writeConnection, $"PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")}; PRAGMA wal_autocheckpoint=0;");
        Execute(_writeConnection, Schema);
        _insertEvent = Prepare(_writeConnection,
            "INSERT INTO events(policy, user_id, seq, id, time, kind, mark, value, propensity, policy_version) " +
            "VALUES ($p, $u, $seq, $id, $time, $kind, $mark, $value, $prop, $ver)",
            "$p", "$u", "$seq", "$id", "$time", "$kind", "$mark", "$value", "$prop", "$ver");
        _upsertSnapshot = Prepare(_writeConnection,
            "INSERT INTO snapshots(policy, user_id, seq, version, state) VALUES ($p, $u, $seq, $ver, $state) " +
            "ON CONFLICT(policy, user_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, state = excluded.state",
            "$p", "$u", "$seq", "$ver", "$state");
        _writer = new GroupCommitWriter<UserWrite>(Commit, Batches);
        _checkpoints = Task.Run(CheckpointLoop);
    }

    public string Path { get; }
    public BatchSizeStats Batches { get; } = new();

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS events(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, time REAL NOT NULL,
          kind INTEGER NOT NULL, mark INTEGER NOT NULL, value REAL, propensity REAL, policy_version TEXT,
          PRIMARY KEY(policy, user_id, seq)) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events(policy, user_id, id) WHERE id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS snapshots(
          policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, version TEXT NOT NULL, state BLOB NOT NULL,
          PRIMARY KEY(policy, user_id)) WITHOUT ROWID;
        """;

    public async Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default)
    {
        await using var c = Open();
        StoredSnapshot? snapshot = null;
        await using (var q = Command(c, "SELECT seq, version, state FROM snapshots WHERE policy = $p AND user_id = $u", policy, user))
        await using (var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false))
            if (await r.ReadAsync(ct).ConfigureAwait(false) && r.GetString(1) == version)
                snapshot = new StoredSnapshot(r.GetInt64(0), version, (byte[])r.GetValue(2));
        long after = snapshot?.Seq ?? 0;
        var records = await Records(c, "SELECT * FROM events WHERE policy = $p AND user_id = $u AND seq > $after ORDER BY seq",
            policy, user, after, ct).ConfigureAwait(false);
        var identified = await Records(c, "SELECT * FROM events WHERE policy = $p AND user_id = $u AND id IS NOT NULL",
            policy, user, 0, ct).ConfigureAwait(false);
        long count = 0;
        double? last = null;
        await using (var q = Command(c, "SELECT seq, time FROM events WHERE policy = $p AND user_id = $u ORDER BY seq DESC LIMIT 1", policy, user))
        await using (var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false))
            if (await r.ReadAsync(ct).ConfigureAwait(false)) (count, last) = (r.GetInt64(0), r.GetDouble(1));
        return new UserHistory(snapshot, records, identified, count, last);
    }

    public Task CommitAsync(UserWrite write, CancellationToken ct = default) => _writer.WriteAsync(write, ct);

    private void Commit(IReadOnlyList<UserWrite> writes)
    {
        using var tx = _writeConnection.BeginTransaction();
        _insertEvent.Transaction = tx;
        _upsertSnapshot.Transaction = tx;
        foreach (var w in writes)
        {
            foreach (var e in w.Records)
            {
                var p = _insertEvent.Parameters;
                p[0].Value = w.Policy; p[1].Value = w.User; p[2].Value = e.Seq; p[3].Value = (object?)e.Id ?? DBNull.Value;
                p[4].Value = e.Time; p[5].Value = (int)e.Kind; p[6].Value = e.Mark; p[7].Value = (object?)e.Value ?? DBNull.Value;
                p[8].Value = (object?)e.Propensity ?? DBNull.Value; p[9].Value = (object?)e.PolicyVersion ?? DBNull.Value;
                _insertEvent.ExecuteNonQuery();
            }
            if (w.Snapshot is { } s)
            {
                var p = _upsertSnapshot.Parameters;
                p[0].Value = w.Policy; p[1].Value = w.User; p[2].Value = s.Seq; p[3].Value = s.Version; p[4].Value = s.State;
                _upsertSnapshot.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy)
    {
        using var c = Open();
        using var q = Command(c, "SELECT * FROM events WHERE policy = $p ORDER BY user_id, seq", policy, "");
        using var r = q.ExecuteReader();
        while (r.Read()) yield return (r.GetString(1), Read(r));
    }

    public IEnumerable<StoredRecord> ReadUser(string policy, string user)
    {
        using var c = Open();
        using var q = Command(c, "SELECT * FROM events WHERE policy = $p AND user_id = $u ORDER BY seq", policy, user);
        using var r = q.ExecuteReader();
        while (r.Read()) yield return Read(r);
    }

    private static async Task<List<StoredRecord>> Records(SqliteConnection c, string sql, string policy, string user, long after, CancellationToken ct)
    {
        await using var q = Command(c, sql, policy, user);
        q.Parameters.AddWithValue("$after", after);
        await using var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<StoredRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false)) list.Add(Read(r));
        return list;
    }

    // Columns: policy, user_id, seq, id, time, kind, mark, value, propensity, policy_version.
    private static StoredRecord Read(SqliteDataReader r) => new(r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4),
        (EventKind)r.GetInt32(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8),
        r.IsDBNull(9) ? null : r.GetString(9));

    private async Task CheckpointLoop()
    {
        try
        {
            await using var c = Open();
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(500, _stop.Token).ConfigureAwait(false);
                Execute(c, "PRAGMA wal_checkpoint(PASSIVE);");
            }
        }
        catch (OperationCanceledException) { }
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, "PRAGMA busy_timeout=5000;");
        return c;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, string policy, string user)
    {
        var q = c.CreateCommand();
        q.CommandText = sql;
        q.Parameters.AddWithValue("$p", policy);
        if (sql.Contains("$u")) q.Parameters.AddWithValue("$u", user);
        return q;
    }

    private static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] names)
    {
        var q = c.CreateCommand();
        q.CommandText = sql;
        foreach (var n in names) q.Parameters.Add(new SqliteParameter { ParameterName = n });
        q.Prepare();
        return q;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var q = c.CreateCommand();
        q.CommandText = sql;
        q.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _stop.Cancel();
        await _checkpoints.ConfigureAwait(false);
        _insertEvent.Dispose();
        _upsertSnapshot.Dispose();
        _writeConnection.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
