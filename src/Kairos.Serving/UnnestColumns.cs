using Npgsql;
using NpgsqlTypes;

namespace Kairos.Serving;

/// <summary>The records of one group commit as column arrays, inserted by a single <c>unnest</c> (one statement and
/// one set of parameters however many records the batch holds).</summary>
internal sealed class UnnestColumns(int capacity)
{
    private readonly List<string> _policy = new(capacity), _user = new(capacity);
    private readonly List<long> _seq = new(capacity);
    private readonly List<string?> _id = new(capacity), _version = new(capacity);
    private readonly List<double> _time = new(capacity);
    private readonly List<int> _kind = new(capacity), _mark = new(capacity);
    private readonly List<double?> _value = new(capacity), _propensity = new(capacity);
    private readonly List<byte[]?> _feedback = new(capacity), _context = new(capacity);

    public int Count => _seq.Count;

    public void Add(string policy, string user, in StoredRecord r)
    {
        _policy.Add(policy); _user.Add(user); _seq.Add(r.Seq); _id.Add(r.Id); _time.Add(r.Time); _kind.Add((int)r.Kind);
        _mark.Add(r.Mark); _value.Add(r.Value); _propensity.Add(r.Propensity); _version.Add(r.PolicyVersion);
        _feedback.Add(VectorBlob.Write(r.Feedback)); _context.Add(VectorBlob.Write(r.Context));
    }

    /// <summary>The insert: <paramref name="prefix"/> ends with "unnest(", the twelve array parameters follow.</summary>
    public NpgsqlBatchCommand Insert(string prefix)
    {
        var command = new NpgsqlBatchCommand(prefix + string.Join(", ", Enumerable.Range(1, 12).Select(i => $"${i}")) + ")");
        var p = command.Parameters;
        p.Add(PostgresUserStateStore.Array(_policy.ToArray(), NpgsqlDbType.Text));
        p.Add(PostgresUserStateStore.Array(_user.ToArray(), NpgsqlDbType.Text));
        p.Add(PostgresUserStateStore.Array(_seq.ToArray(), NpgsqlDbType.Bigint));
        p.Add(PostgresUserStateStore.Array(_id.ToArray(), NpgsqlDbType.Text));
        p.Add(PostgresUserStateStore.Array(_time.ToArray(), NpgsqlDbType.Double));
        p.Add(PostgresUserStateStore.Array(_kind.ToArray(), NpgsqlDbType.Integer));
        p.Add(PostgresUserStateStore.Array(_mark.ToArray(), NpgsqlDbType.Integer));
        p.Add(PostgresUserStateStore.Array(_value.ToArray(), NpgsqlDbType.Double));
        p.Add(PostgresUserStateStore.Array(_propensity.ToArray(), NpgsqlDbType.Double));
        p.Add(PostgresUserStateStore.Array(_version.ToArray(), NpgsqlDbType.Text));
        p.Add(PostgresUserStateStore.Array(_feedback.ToArray(), NpgsqlDbType.Bytea));
        p.Add(PostgresUserStateStore.Array(_context.ToArray(), NpgsqlDbType.Bytea));
        return command;
    }
}
