using Kairos.Server;
using Kairos.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Tests.Serving;

/// <summary>
/// A restart's re-arm of the next-action timers outlasts a store that is out of reach when it lists the stored users
/// (a connection timing out on a loaded machine): it asks again after Retry-After and then plans every user. Before,
/// one timed-out listing stopped the re-arm for good and the pending actions of users who send nothing were never
/// emitted (a catch-up test failed under load this way).
/// </summary>
public class TimerRearmOutageTests
{
    [Fact]
    public async Task A_listing_of_users_that_times_out_is_retried_and_every_user_is_planned()
    {
        var inner = new InMemoryUserStateStore();
        var policy = PolicyFiles.Load(LiveServer.BaselineFile("uniform", "rate", 0.5), PolicyCatalog.DefaultName, 1);
        var writer = new DecisionEngine(inner, new PolicyCatalog([policy]));
        string[] users = ["a", "b", "c"];
        foreach (string user in users)
            await writer.IngestAsync(PolicyCatalog.DefaultName, user, [new IncomingEvent("e", 1, Kairos.PointProcesses.EventKind.Feedback, 0, 1.0)]);

        var store = new UsersTimeOutOnce(inner);
        var engine = new DecisionEngine(store, new PolicyCatalog([policy]));
        var planned = new List<string>();
        engine.ActionPlanned += (_, user, _) => { lock (planned) planned.Add(user); };
        await TimerRearm.RunAsync(engine, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(2, store.Listings);   // the timed-out one, then the one that answered
        Assert.Equal(users, planned.Distinct().Order(StringComparer.Ordinal));   // raised on restore and again by the re-arm
    }

    /// <summary>The first listing of users fails as a connection that timed out; everything else goes to the inner store.</summary>
    private sealed class UsersTimeOutOnce(IUserStateStore inner) : IUserStateStore
    {
        public int Listings { get; private set; }

        public IEnumerable<string> Users(string policy) =>
            ++Listings == 1 ? throw new Npgsql.NpgsqlException("The operation has timed out", new TimeoutException()) : inner.Users(policy);

        public Task<UserHistory> LoadAsync(string policy, string user, string version, CancellationToken ct = default) => inner.LoadAsync(policy, user, version, ct);
        public Task CommitAsync(UserWrite write, CancellationToken ct = default) => inner.CommitAsync(write, ct);
        public IEnumerable<(string User, StoredRecord Record)> ReadAll(string policy) => inner.ReadAll(policy);
        public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(long after, int limit, bool newest = false, bool includeSkipped = false, CancellationToken ct = default) =>
            inner.ReadOutboxAsync(after, limit, newest, includeSkipped, ct);
        public BatchSizeStats Batches => inner.Batches;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
