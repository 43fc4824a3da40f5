using System.Collections.Concurrent;
using static Kairos.Tests.Cluster.ClusterStreams;

namespace Kairos.Tests.Cluster;

/// <summary>
/// The set-up and final checks the process-level cluster tests share: the reference answers of an uninterrupted single
/// node, a fresh Redis and store, three `kairos serve --cluster` processes, and clients that send user u's requests
/// through front silo u mod 3 (a third of the users are placed on each silo by the local-placement preference).
/// <see cref="FinishAndCheckAsync"/> sends the final requests, then checks every answer and the store.
/// </summary>
internal sealed class StreamedCluster : IDisposable
{
    private readonly RedisProcess _redis;
    private readonly ConcurrentDictionary<string, string> _expected;

    private StreamedCluster(RedisProcess redis, string store, ProcessCluster cluster, ConcurrentDictionary<string, string> expected)
    {
        (_redis, Store, Cluster, _expected) = (redis, store, cluster, expected);
        Post = (u, path, json) => cluster.Post(u % 3, path, json);
        Get = (u, path) => cluster.Get(u % 3, path);
    }

    public string Store { get; }
    public ProcessCluster Cluster { get; }
    public Poster Post { get; }
    public Getter Get { get; }
    public ConcurrentDictionary<string, string> Answers { get; } = new();

    public static async Task<StreamedCluster> StartAsync()
    {
        string policy = Policy();
        var expected = await Reference(policy);
        var redis = await RedisProcess.StartAsync();
        string store = SharedStore();
        try { return new StreamedCluster(redis, store, await ProcessCluster.StartAsync(redis, store, policy, Seed), expected); }
        catch { redis.Dispose(); throw; }
    }

    /// <summary>Steps [from, to) of every user at once; <paramref name="onAck"/> sees (user, step) after each 200.</summary>
    public Task StreamAll(int from, int to, Action<int, int>? onAck = null) =>
        Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(Post, u, from, to, Answers, onAck is null ? null : step => onAck(u, step))));

    /// <summary>The final requests (<see cref="Finish"/>); then every call was 200 or a prompt 503 with Retry-After,
    /// every answer equals the uninterrupted single node's, and the store holds each id exactly once (returned).</summary>
    public async Task<IReadOnlySet<string>> FinishAndCheckAsync()
    {
        await Finish(Post, Get, Answers);
        AssertEveryCallAnswered(Cluster);
        Assert.Equal(_expected.OrderBy(a => a.Key), Answers.OrderBy(a => a.Key));
        Cluster.KillAll();
        return await AssertStoredExactlyOnce(Store);
    }

    public void Dispose()
    {
        Cluster.Dispose();
        _redis.Dispose();
    }
}
