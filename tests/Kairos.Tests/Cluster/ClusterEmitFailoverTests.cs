using Kairos.Tests.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>
/// `kairos serve --cluster … --emit-actions` as three real processes: each user's planned next action is a durable
/// reminder on Redis (a uniform policy at one action per second, user time = Unix seconds). One silo is SIGKILLed
/// while actions flow. Every user keeps receiving actions afterwards (the reminders of the dead silo's ring range are
/// taken over by the survivors), and the shared store shows each action emitted once, recorded with it, and equal to
/// the plan its user's state held at that point (replayed offline with the same seed).
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class ClusterEmitFailoverTests
{
    private const int Users = 6, Seed = 4;

    [RedisFact]
    public async Task Reminders_keep_emitting_every_users_actions_after_a_silo_is_SIGKILLed_and_none_twice()
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 1);
        using var redis = await RedisProcess.StartAsync();
        string store = TestStores.NewSpec(PostgresCluster.Missing is null ? TestStores.Postgres : TestStores.Sqlite);
        using var cluster = await ProcessCluster.StartAsync(redis, store, policy, Seed, extra: "--emit-actions");
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        foreach (int u in Enumerable.Range(0, Users))
            Assert.Equal(200, (await cluster.Post(u % 3, $"/v1/users/r{u}/events", Events(($"r{u}-start", now)))).Status);

        var seen = new OutboxFollower();
        await seen.FollowUntil(cluster, users => users.Count == Users && users.Values.All(n => n >= 2), "every user's first two actions");
        cluster.Kill(2);
        long lastBefore = seen.Cursor;
        var afterKill = new OutboxFollower(after: lastBefore);
        await afterKill.FollowUntil(cluster, users => users.Count == Users, "an action for every user after the SIGKILL");

        cluster.KillAll();
        var outbox = await EmittedPlans.AssertEmittedOnceAsPlanned(store, policy, Seed);
        Assert.Equal(Users, outbox.Select(a => a.User).Distinct().Count());
    }
}
