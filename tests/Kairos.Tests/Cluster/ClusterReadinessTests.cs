using static Kairos.Tests.Cluster.ClusterStreams;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>
/// GET /health/ready of a real 3-silo cluster: each silo answers 503 until it is an active member and has warmed its
/// request path (grain, engine, store, serializers), then 200. Requests sent the moment every silo is ready, the first
/// of thirty new users at once through all three fronts, are all answered 200: none waits out the request timeout
/// behind a cold first activation (the start-up 503s of the soak).
/// </summary>
public sealed class ClusterReadinessTests
{
    [RedisFact]
    public async Task Requests_right_after_readiness_are_not_answered_503()
    {
        using var redis = await RedisProcess.StartAsync();
        string store = SharedStore();
        using var cluster = await ProcessCluster.StartAsync(redis, store, Policy(), Seed, requestTimeout: 5);   // returns once every silo is ready
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(u =>
            cluster.Post(u % 3, $"/v1/users/ready{u}/events", Events(($"ready{u}-e1", 1)))));
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        lock (cluster.Calls) Assert.DoesNotContain(cluster.Calls, c => c.Status == 503);
        cluster.KillAll();
        var stored = await Kairos.Tests.Serving.TestStores.ReadAll(store, "default");
        Assert.Equal(30, stored.Count);   // the warm-up stored nothing
    }
}
