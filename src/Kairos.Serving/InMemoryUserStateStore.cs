namespace Kairos.Serving;

/// <summary>A store in process memory (tests, demos, `--store memory`): the same group-commit path as the durable
/// stores, nothing survives the process.</summary>
public sealed class InMemoryUserStateStore : IUserStateStore
{
    private sealed class UserData
    {
        public readonly List<StoredRecord> Records = [];
        public readonly Dictionary<string, StoredRecord> Ids = new(StringComparer.Ordinal);
        public StoredSnapshot? Snapshot;
    }

    private readonly Dictionary<(string, string), UserData> _users = [];
    private readonly List<OutboxEntry> _outbox = [];   // cursor = index + 1
    private readonly Lock _lock = new();
    private readonly GroupCommitWriter<UserWrite> _writer;

    public InMemoryUserStateStore() => _writer = new GroupCommitWriter<UserWrite>(Commit, Batches, timings: CommitTimings);

    public BatchSizeStats Batches { get; } = new();
    public GroupCommitTimings CommitTimings { get; } = new();

    public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default) =>
        LoadAsync(policy, user, version, long.MaxValue, ct);

    public Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue((policy, user), out var data)) return Task.FromResult(UserHistory.Empty);
            var snapshot = data.Snapshot is { } s && s.Version == version ? s : null;
            long after = snapshot?.Seq ?? 0, count = data.Records.Count, idsAfter = Math.Max(0, count - idWindow);
            return Task.FromResult(new UserHistory(snapshot, data.Records.Where(r => r.Seq > after).ToArray(),
                data.Records.Where(r => r.Id is not null && r.Seq > idsAfter).ToArray(), count, data.Records[^1].Time, data.Records[0].Time));
        }
    }

    public Task CommitAsync(UserWrite write, CancellationToken ct = default) => _writer.WriteAsync(write, ct);

    /// <summary>Like the durable stores, refuses an id the user already stored (<see cref="IdAlreadyStoredException"/>):
    /// the whole batch is checked before anything changes, so the writer's one-by-one retry fails only that write.</summary>
    private void Commit(IReadOnlyList<UserWrite> writes)
    {
        lock (_lock)
        {
            var claimed = new HashSet<(string, string, string)>();
            foreach (var w in writes)
                foreach (var r in w.Records)
                    if (r.Id is { } id && ((_users.TryGetValue((w.Policy, w.User), out var known) && known.Ids.ContainsKey(id)) || !claimed.Add((w.Policy, w.User, id))))
                        throw new IdAlreadyStoredException(w.Policy, w.User, id);
            foreach (var w in writes)
            {
                if (!_users.TryGetValue((w.Policy, w.User), out var data)) _users[(w.Policy, w.User)] = data = new UserData();
                data.Records.AddRange(w.Records);
                foreach (var r in w.Records)
                    if (r.Id is not null) data.Ids[r.Id] = r;
                if (w.Snapshot is not null) data.Snapshot = w.Snapshot;
                if (w.OutboxRow is var (a, skipped)) _outbox.Add(new OutboxEntry(_outbox.Count + 1, w.Policy, w.User, a.Id!, a.Time, a.Mark, skipped));
            }
        }
    }

    public Task<IReadOnlyDictionary<string, StoredRecord>> FindIdsAsync(string policy, string user, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var found = new Dictionary<string, StoredRecord>(StringComparer.Ordinal);
        lock (_lock)
            if (_users.TryGetValue((policy, user), out var data))
                foreach (var id in ids)
                    if (data.Ids.TryGetValue(id, out var r)) found[id] = r;
        return Task.FromResult<IReadOnlyDictionary<string, StoredRecord>>(found);
    }

    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy)
    {
        List<(string, StoredRecord)> rows = [];
        lock (_lock)
            foreach (var ((p, user), data) in _users.OrderBy(u => u.Key.Item2, StringComparer.Ordinal))
                if (p == policy) rows.AddRange(data.Records.Select(r => (user, r)));
        return rows;
    }

    public IEnumerable<string> Users(string policy)
    {
        lock (_lock) return _users.Keys.Where(k => k.Item1 == policy).Select(k => k.Item2).Order(StringComparer.Ordinal).ToArray();
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var eligible = _outbox.Skip((int)Math.Clamp(after, 0, _outbox.Count)).Where(r => includeSkipped || !r.Skipped);
            var rows = newest ? eligible.Reverse().Take(limit) : eligible.Take(limit);
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(rows.ToArray());
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
