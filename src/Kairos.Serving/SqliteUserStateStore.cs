using Kairos.PointProcesses;
using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. One group-commit writer owns the write connection and
/// commits each drained batch in one transaction (synchronous=NORMAL by default: survives a killed process; FULL also
/// survives power loss). Checkpoints run off the write path (wal_autocheckpoint=0 on the writer, a passive checkpoint
/// every ~500 ms on a background connection), except the short last step that lets the WAL start over, which the
/// writer thread runs between two batches once the WAL holds half of <c>walLimitBytes</c> (<see cref="SqliteCheckpoints"/>):
/// the WAL file stays within about that limit under sustained writes. Reads use their own pooled connections.
/// </summary>
public sealed class SqliteUserStateStore : IUserStateStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writeConnection;
    private readonly SqliteWriteStatement _insertEvent, _claimId, _upsertSnapshot, _insertOutbox;
    private readonly GroupCommitWriter<UserWrite> _writer;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteReader> _readers = [];
    private readonly SqliteCheckpoints _checkpoints;

    internal const int BusyTimeoutMs = 5000;
    public const long DefaultWalLimit = SqliteCheckpoints.DefaultWalLimit, MinWalLimit = SqliteCheckpoints.MinWalLimit;

    public SqliteUserStateStore(string path, bool fullSync = false, long walLimitBytes = DefaultWalLimit)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _writeConnection = Open();
        Execute(_writeConnection, "PRAGMA journal_mode=WAL;");
        Execute(_writeConnection, $"PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")}; PRAGMA wal_autocheckpoint=0;");
        SqliteSchema.Apply(_writeConnection);
        _insertEvent = new SqliteWriteStatement(_writeConnection,
            "INSERT INTO records(policy, user_id, k, id, time, kind, mark, value, propensity, policy_version, feedback, context) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        _claimId = new SqliteWriteStatement(_writeConnection, "INSERT INTO records(policy, user_id, k) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
        _upsertSnapshot = new SqliteWriteStatement(_writeConnection,
            "INSERT INTO snapshots(policy, user_id, seq, version, state) VALUES (?1, ?2, ?3, ?4, ?5) " +
            "ON CONFLICT(policy, user_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, state = excluded.state");
        _insertOutbox = new SqliteWriteStatement(_writeConnection,
            "INSERT INTO outbox(policy, user_id, action_id, time, mark, skipped) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _checkpoints = new SqliteCheckpoints(_writeConnection, Open, walLimitBytes);
        _writer = new GroupCommitWriter<UserWrite>(Commit, Batches, timings: CommitTimings, betweenBatches: _checkpoints.AfterBatch);
    }

    public string Path { get; }
    public BatchSizeStats Batches { get; } = new();
    public GroupCommitTimings CommitTimings { get; } = new();
    public WalRestartStats WalRestarts => _checkpoints.Restarts;

    public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default) =>
        LoadAsync(policy, user, version, long.MaxValue, ct);

    public Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default) =>
        Task.FromResult(WithReader(r => r.Load(policy, user, version, idWindow)));

    private T WithReader<T>(Func<SqliteReader, T> read)
    {
        var reader = _readers.TryTake(out var pooled) ? pooled : new SqliteReader(Open());
        try { return read(reader); }
        finally { _readers.Add(reader); }
    }

    /// <summary>Scans the user's records (one b-tree range) for the ids, passed as one JSON array, on a pooled read
    /// connection.</summary>
    public Task<IReadOnlyDictionary<string, StoredRecord>> FindIdsAsync(string policy, string user, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, StoredRecord>>(WithReader(r => r.FindIds(policy, user, ids)));

    public Task CommitAsync(UserWrite write, CancellationToken ct = default) => _writer.WriteAsync(write, ct);

    private void Commit(IReadOnlyList<UserWrite> writes)
    {
        using var tx = _writeConnection.BeginTransaction();
        foreach (var w in writes)
        {
            foreach (var e in w.Records)
            {
                if (e.Id is not null) ClaimId(w, e.Id);
                _insertEvent.Bind(1, w.Policy).Bind(2, w.User).Bind(3, e.Seq).Bind(4, e.Id).Bind(5, e.Time).Bind(6, (int)e.Kind).Bind(7, e.Mark)
                    .Bind(8, e.Value).Bind(9, e.Propensity).Bind(10, e.PolicyVersion).Bind(11, VectorBlob.Write(e.Feedback)).Bind(12, VectorBlob.Write(e.Context))
                    .Execute();
            }
            if (w.OutboxRow is var (a, skipped))   // after the records: an id already stored fails on its claim first
                _insertOutbox.Bind(1, w.Policy).Bind(2, w.User).Bind(3, a.Id).Bind(4, a.Time).Bind(5, a.Mark).Bind(6, skipped ? 1 : 0).Execute();
            if (w.Snapshot is { } s)
                _upsertSnapshot.Bind(1, w.Policy).Bind(2, w.User).Bind(3, s.Seq).Bind(4, s.Version).Bind(5, s.State).Execute();
        }
        tx.Commit();
    }

    /// <summary>Claims the id for the user (the primary key of <c>records</c> holds one claim per id); an id the user
    /// already claimed fails the write, which leaves the store unchanged.</summary>
    private void ClaimId(UserWrite w, string id)
    {
        if (_claimId.Bind(1, w.Policy).Bind(2, w.User).Bind(3, id).Execute() == 0) throw new IdAlreadyStoredException(w.Policy, w.User, id);
    }

    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy)
    {
        using var c = Open();
        using var q = Command(c, $"SELECT * FROM records WHERE policy = $p AND {SqliteSchema.IsRecord} ORDER BY user_id, k", policy, "");
        using var r = q.ExecuteReader();
        while (r.Read()) yield return (r.GetString(1), Read(r));
    }

    public IEnumerable<StoredRecord> ReadUser(string policy, string user)
    {
        using var c = Open();
        using var q = Command(c, $"SELECT * FROM records WHERE policy = $p AND user_id = $u AND {SqliteSchema.IsRecord} ORDER BY k", policy, user);
        using var r = q.ExecuteReader();
        while (r.Read()) yield return Read(r);
    }

    public IEnumerable<string> Users(string policy)
    {
        using var c = Open();
        using var q = Command(c, "SELECT DISTINCT user_id FROM records WHERE policy = $p ORDER BY user_id", policy, "");
        using var r = q.ExecuteReader();
        while (r.Read()) yield return r.GetString(0);
    }

    /// <summary>SQLite serializes write transactions (one writer per file, across processes too), so AUTOINCREMENT
    /// cursors are assigned in commit order.</summary>
    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default)
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT outbox_seq, policy, user_id, action_id, time, mark, skipped FROM outbox WHERE outbox_seq > $a " +
                        $"{(includeSkipped ? "" : "AND skipped = 0 ")}ORDER BY outbox_seq {(newest ? "DESC" : "")} LIMIT $n";
        q.Parameters.AddWithValue("$a", after);
        q.Parameters.AddWithValue("$n", limit);
        using var r = q.ExecuteReader();
        var rows = new List<OutboxEntry>();
        while (r.Read()) rows.Add(new OutboxEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetInt32(5), r.GetInt64(6) != 0));
        return Task.FromResult<IReadOnlyList<OutboxEntry>>(rows);
    }

    // Columns: policy, user_id, k (the seq), id, time, kind, mark, value, propensity, policy_version, feedback, context.
    internal static StoredRecord Read(SqliteDataReader r) => new(r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4),
        (EventKind)r.GetInt32(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8),
        r.IsDBNull(9) ? null : r.GetString(9), VectorBlob.Read(r.IsDBNull(10) ? null : (byte[])r.GetValue(10)),
        VectorBlob.Read(r.IsDBNull(11) ? null : (byte[])r.GetValue(11)));

    internal SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, $"PRAGMA busy_timeout={BusyTimeoutMs};");
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

    internal static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] names)
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
        await _checkpoints.DisposeAsync().ConfigureAwait(false);
        while (_readers.TryTake(out var reader)) reader.Dispose();
        _insertEvent.Dispose();
        _claimId.Dispose();
        _upsertSnapshot.Dispose();
        _insertOutbox.Dispose();
        _writeConnection.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
