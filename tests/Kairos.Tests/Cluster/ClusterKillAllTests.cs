using System.Collections.Concurrent;
using System.Diagnostics;
using Kairos.Tests.Serving;
using static Kairos.Tests.Cluster.ClusterStreams;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>
/// A full cluster restart after SIGKILL of every silo (no shutdown code runs anywhere), with three real processes over
/// one Redis and one store. (1) Mid-stream: requests in flight at the kill are retried by the client once the silos are
/// back; every event acknowledged before the kill is stored, every id exactly once, and every decision (before and
/// after) equals an uninterrupted single node's. (2) With --emit-actions: the durable reminders on Redis bring every
/// user's due action out after the restart, and no action emitted before the kill is emitted again.
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class ClusterKillAllTests
{
    [RedisFact]
    public async Task SIGKILL_of_every_silo_mid_stream_keeps_every_acknowledged_event_once_and_decisions_identical()
    {
        using var run = await StreamedCluster.StartAsync();

        // Every silo is killed when the first user has acknowledged a third of its steps; the other users' requests are
        // in flight or about to be sent, and wait (as behind a load balancer) until the restarted silos answer.
        var acknowledged = new ConcurrentBag<string>();
        var ackedBeforeKill = new HashSet<string>();
        int killed = 0, servedAfter = 0;
        Task? restart = null;
        await run.StreamAll(0, Steps, (u, step) =>
        {
            if (Volatile.Read(ref killed) == 1) { Interlocked.Increment(ref servedAfter); return; }
            foreach (var id in Ids(u, step)) acknowledged.Add(id);
            if (step == Steps / 3 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                lock (ackedBeforeKill) ackedBeforeKill.UnionWith(acknowledged);
                run.Cluster.KillAll();
                restart = Task.Run(run.Cluster.StartAllAsync);
            }
        });
        await restart!;
        var stored = await run.FinishAndCheckAsync();

        Assert.True(servedAfter >= Users * (Steps - Steps / 3 - 1) / 2, $"only {servedAfter} steps were acknowledged after the kill");
        Assert.NotEmpty(ackedBeforeKill);
        Assert.Subset(stored.ToHashSet(), ackedBeforeKill);
    }

    [RedisFact]
    public async Task SIGKILL_of_every_silo_with_emit_actions_emits_due_actions_after_the_restart_and_none_twice()
    {
        const int users = 6, seed = 4;
        string policy = LiveServer.BaselineFile("uniform", "rate", 1);
        using var redis = await RedisProcess.StartAsync();
        string store = SharedStore();
        using var cluster = await ProcessCluster.StartAsync(redis, store, policy, seed, extra: "--emit-actions");
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        foreach (int u in Enumerable.Range(0, users))
            Assert.Equal(200, (await cluster.Post(u % 3, $"/v1/users/k{u}/events", Events(($"k{u}-start", now)))).Status);

        var before = new OutboxFollower();
        await before.FollowUntil(cluster, perUser => perUser.Count == users && perUser.Values.All(n => n >= 2), "every user's first two actions");
        cluster.KillAll();
        long atKill = await OutboxEnd(store);   // everything emitted before the kill, read from the store itself
        await cluster.StartAllAsync();
        // Nothing but the reminders on Redis wakes the users: no request reaches their grains after the restart.
        var after = new OutboxFollower(after: atKill);
        await after.FollowUntil(cluster, perUser => perUser.Count == users, "an action for every user after the restart");

        cluster.KillAll();
        var outbox = await EmittedPlans.AssertEmittedOnceAsPlanned(store, policy, seed);
        Assert.Equal(users, outbox.Select(a => a.User).Distinct().Count());
    }

    private static async Task<long> OutboxEnd(string store)
    {
        await using var s = Kairos.Serving.UserStores.Open(store);
        return (await s.ReadOutboxAsync(0, 1, newest: true, includeSkipped: true)) is [var last] ? last.Cursor : 0;
    }
}

/// <summary>Follows GET /v1/actions from a cursor, counting emitted actions per user, until a condition holds. The
/// limit is the hang guard: the actions come from real timers and reminders (after a kill: failure detection plus an
/// overdue reminder's next period, Orleans' minimum of one minute), which a loaded machine delays with nothing wrong;
/// 60 s for every user's first two actions and 150 s after a kill were bounds it could exceed.</summary>
internal sealed class OutboxFollower(long after = 0)
{
    private readonly Dictionary<string, int> _perUser = [];

    public long Cursor { get; private set; } = after;

    public async Task FollowUntil(ProcessCluster cluster, Func<IReadOnlyDictionary<string, int>, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done(_perUser))
        {
            Assert.True(clock.Elapsed < Waits.HangGuard, $"no {what} within {Waits.HangGuard.TotalMinutes} minutes: per user {string.Join(", ", _perUser.Select(p => $"{p.Key}={p.Value}"))}");
            var (status, page) = await cluster.Get(0, $"/v1/actions?after={Cursor}&limit=500");
            Assert.Equal(200, status);
            foreach (var a in page.GetProperty("actions").EnumerateArray())
            {
                string user = a.GetProperty("user").GetString()!;
                _perUser[user] = _perUser.GetValueOrDefault(user) + 1;
            }
            Cursor = page.GetProperty("next").GetInt64();
            await Task.Delay(250);
        }
    }
}
