namespace Kairos.Serving;

/// <summary>
/// Durable per-user histories: events plus periodic snapshots, per (policy, user). Writes go through one
/// group-commit writer per store: <see cref="CommitAsync"/> completes only after the write's batch is durable.
/// </summary>
public interface IUserStateStore : IAsyncDisposable
{
    /// <summary>The user's history for restoring under <paramref name="version"/>: the latest snapshot if it was
    /// taken under that version, else none, and the records after it.</summary>
    Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default);

    /// <summary>As <see cref="LoadAsync(string, string, string, CancellationToken)"/>, but the identified records
    /// may be limited to those among the user's last <paramref name="idWindow"/> records (the engine remembers ids
    /// only that far back). Stores that cannot limit them return all.</summary>
    Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default) =>
        LoadAsync(policy, user, version, ct);

    /// <summary>The user's stored records that carry one of <paramref name="ids"/>, by id: how the engine recognizes a
    /// retry of an id older than its in-memory id window (the store keeps every id; the window is only a cache).</summary>
    Task<IReadOnlyDictionary<string, StoredRecord>> FindIdsAsync(string policy, string user, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyDictionary<string, StoredRecord>>(ReadUser(policy, user)
            .Where(r => r.Id is not null && wanted.Contains(r.Id)).ToDictionary(r => r.Id!, StringComparer.Ordinal));
    }

    /// <summary>Completes when the write is committed (acknowledge only then).</summary>
    Task CommitAsync(UserWrite write, CancellationToken ct = default);

    /// <summary>Every record of <paramref name="policy"/>, by user then sequence (for exporting the decision log).</summary>
    IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy);

    /// <summary>One user's records of <paramref name="policy"/> in sequence order (the dashboard's timeline). Stores
    /// with an index on (policy, user) answer it directly.</summary>
    IEnumerable<StoredRecord> ReadUser(string policy, string user) =>
        ReadAll(policy).Where(r => string.Equals(r.User, user, StringComparison.Ordinal)).Select(r => r.Record);

    /// <summary>Every user with at least one record of <paramref name="policy"/>, each once (a restarted node re-arms
    /// its next-action timers from them).</summary>
    IEnumerable<string> Users(string policy) => ReadAll(policy).Select(r => r.User).Distinct(StringComparer.Ordinal);

    /// <summary>Outbox rows with a cursor above <paramref name="after"/>: the first <paramref name="limit"/> in cursor
    /// order, or with <paramref name="newest"/> the last ones, newest first (the dashboard's recent actions). Emitted
    /// actions only, unless <paramref name="includeSkipped"/>: then skipped ones too, in the same cursor order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default);

    /// <summary>Sizes of committed batches so far (for /metrics).</summary>
    BatchSizeStats Batches { get; }

    /// <summary>Each write's wait from being queued to its batch's commit, and its parts (for /metrics); none for a
    /// store without a group-commit writer of its own.</summary>
    GroupCommitTimings? CommitTimings => null;
}
