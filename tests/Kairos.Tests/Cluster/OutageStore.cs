using Kairos.Serving;
using Npgsql;

namespace Kairos.Tests.Cluster;

/// <summary>A store whose users named "outage-…" are out of reach: restoring or committing them fails as PostgreSQL
/// does when it refuses a connection (53300, too many clients). Restoring a user named "stalled-…" waits until the
/// test releases it (<see cref="Stall"/>): a grain call that neither answers nor fails. Every other call goes to the
/// inner store.</summary>
public sealed class OutageStore(IUserStateStore inner) : IUserStateStore
{
    public const string Prefix = "outage-", StalledPrefix = "stalled-";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StallGate> Stalls = new();

    /// <summary>A stalled user: <see cref="StallGate.Entered"/> completes when its restore has begun, and it goes on
    /// only after <see cref="StallGate.Release"/>.</summary>
    public sealed class StallGate
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Entered => _entered.Task;
        public void Release() => _released.TrySetResult();

        internal Task Pass()
        {
            _entered.TrySetResult();
            return _released.Task;
        }
    }

    /// <summary>The gate of stalled user <paramref name="user"/> (named with <see cref="StalledPrefix"/>).</summary>
    public static StallGate Stall(string user) => Stalls.GetOrAdd(user, _ => new StallGate());

    private static Task Pass(string user) =>
        user.StartsWith(StalledPrefix, StringComparison.Ordinal) ? Stall(user).Pass() : Task.CompletedTask;

    private static void Check(string user)
    {
        if (user.StartsWith(Prefix, StringComparison.Ordinal))
            throw new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");
    }

    public async Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default)
    {
        Check(user);
        await Pass(user);
        return await inner.LoadAsync(policy, user, version, ct);
    }

    public async Task<UserHistory> LoadAsync(string policy, string user, string version, long idWindow, CancellationToken ct = default)
    {
        Check(user);
        await Pass(user);
        return await inner.LoadAsync(policy, user, version, idWindow, ct);
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
