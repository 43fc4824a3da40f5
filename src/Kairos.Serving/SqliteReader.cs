using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// A read connection of <see cref="SqliteUserStateStore"/> with its restore and id-lookup queries prepared once:
/// restoring a user (every request of a user not resident) or looking up ids beyond the id window steps prepared
/// statements instead of opening a connection and parsing SQL each time. One caller at a time; the store pools them.
/// </summary>
internal sealed class SqliteReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _head, _records, _identified, _ids;

    public SqliteReader(SqliteConnection connection)
    {
        _connection = connection;
        _head = SqliteUserStateStore.Prepare(connection, "SELECT s.seq, s.state, l.seq, l.time, " +
            $"(SELECT time FROM records WHERE policy = $p AND user_id = $u AND {SqliteSchema.IsRecord} ORDER BY k LIMIT 1) FROM (SELECT 1) " +
            "LEFT JOIN snapshots s ON s.policy = $p AND s.user_id = $u AND s.version = $v " +
            $"LEFT JOIN (SELECT k AS seq, time FROM records WHERE policy = $p AND user_id = $u AND {SqliteSchema.IsRecord} ORDER BY k DESC LIMIT 1) l ON 1", "$p", "$u", "$v");
        _records = SqliteUserStateStore.Prepare(connection,
            $"SELECT * FROM records WHERE policy = $p AND user_id = $u AND k > $after AND {SqliteSchema.IsRecord} ORDER BY k", "$p", "$u", "$after");
        _identified = SqliteUserStateStore.Prepare(connection,
            $"SELECT * FROM records WHERE policy = $p AND user_id = $u AND k > $after AND {SqliteSchema.IsRecord} AND id IS NOT NULL", "$p", "$u", "$after");
        _ids = SqliteUserStateStore.Prepare(connection, $"SELECT * FROM records WHERE policy = $p AND user_id = $u AND {SqliteSchema.IsRecord} " +
            "AND id IN (SELECT value FROM json_each($ids))", "$p", "$u", "$ids");
    }

    /// <summary>The user's records carrying one of <paramref name="ids"/> (a scan of the user's b-tree range).</summary>
    public Dictionary<string, StoredRecord> FindIds(string policy, string user, IReadOnlyCollection<string> ids)
    {
        var p = _ids.Parameters;
        p[0].Value = policy; p[1].Value = user; p[2].Value = System.Text.Json.JsonSerializer.Serialize(ids);
        using var r = _ids.ExecuteReader();
        var found = new Dictionary<string, StoredRecord>(StringComparer.Ordinal);
        while (r.Read())
        {
            var record = SqliteUserStateStore.Read(r);
            found[record.Id!] = record;
        }
        return found;
    }

    public UserHistory Load(string policy, string user, string version, long idWindow)
    {
        StoredSnapshot? snapshot = null;
        long count = 0;
        double? last = null, first = null;
        var p = _head.Parameters;
        p[0].Value = policy; p[1].Value = user; p[2].Value = version;
        using (var r = _head.ExecuteReader())
        {
            r.Read();
            if (!r.IsDBNull(0)) snapshot = new StoredSnapshot(r.GetInt64(0), version, (byte[])r.GetValue(1));
            if (!r.IsDBNull(2)) (count, last, first) = (r.GetInt64(2), r.GetDouble(3), r.GetDouble(4));
        }
        if (count == 0) return UserHistory.Empty;
        var records = Records(_records, policy, user, snapshot?.Seq ?? 0);
        var identified = Records(_identified, policy, user, Math.Max(0, count - idWindow));
        return new UserHistory(snapshot, records, identified, count, last, first);
    }

    private static List<StoredRecord> Records(SqliteCommand q, string policy, string user, long after)
    {
        var p = q.Parameters;
        p[0].Value = policy; p[1].Value = user; p[2].Value = after;
        using var r = q.ExecuteReader();
        var list = new List<StoredRecord>();
        while (r.Read()) list.Add(SqliteUserStateStore.Read(r));
        return list;
    }

    public void Dispose()
    {
        _head.Dispose();
        _records.Dispose();
        _identified.Dispose();
        _ids.Dispose();
        _connection.Dispose();
    }
}
