using Kairos.Serving;
using Npgsql;

namespace Kairos.Tests.Cluster;

/// <summary>A store whose users named "outage-…" are out of reach: restoring or committing them fails as PostgreSQL
/// does when it refuses a connection (53300, too many clients). Every other call goes to the inner store.</summary>
public sealed class OutageStore(IUserStateStore inner) : IUserStateStore
{
    public const string Prefix = "outage-";

    private static void Check(string user)
    {
        if (user.StartsWith(Prefix, StringComparison.Ordinal))
            throw new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");
    }

    public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default)
    {
        Check(user);
        return inner.LoadAsync(policy, user, version, ct);
    }

    public Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default)
    {
        Check(user);
        return inner.LoadAsync(policy, user, version, idWindow, ct);
    }

    public Task CommitAsync(UserWrite write, CancellationToken ct = default)
    {
        Check(write.User);
        return inner.CommitAsync(write, ct);
    }

    public Task<IReadOnlyDictionary<string, StoredRecord>> FindIdsAsync(string policy, string user, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        Check(user);
        return inner.FindIdsAsync(policy, user, ids, ct);
    }

    public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy) => inner.ReadAll(policy);
    public IEnumerable<StoredRecord> ReadUser(string policy, string user) => inner.ReadUser(policy, user);
    public IEnumerable<string> Users(string policy) => inner.Users(policy);
    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default) =>
        inner.ReadOutboxAsync(after, limit, newest, includeSkipped, ct);
    public BatchSizeStats Batches => inner.Batches;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
