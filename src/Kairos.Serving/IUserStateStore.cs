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

    /// <summary>Completes when the write is committed (acknowledge only then).</summary>
    Task CommitAsync(UserWrite write, CancellationToken ct = default);

    /// <summary>Every record of <paramref name="policy"/>, by user then sequence (for exporting the decision log).</summary>
    IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy);

    /// <summary>One user's records of <paramref name="policy"/> in sequence order (the dashboard's timeline). Stores
    /// with an index on (policy, user) answer it directly.</summary>
    IEnumerable<StoredRecord> ReadUser(string policy, string user) =>
        ReadAll(policy).Where(r => string.Equals(r.User, user, StringComparison.Ordinal)).Select(r => r.Record);

    /// <summary>Sizes of committed batches so far (for /metrics).</summary>
    BatchSizeStats Batches { get; }
}
