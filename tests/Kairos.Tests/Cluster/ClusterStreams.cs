using System.Collections.Concurrent;
using System.Text.Json;
using Kairos.Server;
using Kairos.Tests.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>
/// The users' streams the real-cluster tests send (events and opportunities over HTTP, each user in order), the same
/// streams on an uninterrupted single node for reference, and the checks on what the shared store holds afterwards.
/// </summary>
internal static class ClusterStreams
{
    public const int Users = 9, Steps = 15, Seed = 9, After = 3;
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(20);   // --request-timeout 3 s plus slack for a CPU-starved silo

    public delegate Task<(int Status, JsonElement Body)> Poster(int u, string path, string json);
    public delegate Task<(int Status, JsonElement Body)> Getter(int u, string path);

    public static bool IsOpportunity(int step) => step % 3 == 2;
    public static string User(int u) => $"p{u}";
    public static string Route(int u, int step) => $"/v1/users/{User(u)}/{(IsOpportunity(step) ? "opportunity" : "events")}";

    public static string Body(int u, int step) => IsOpportunity(step)
        ? $$"""{"id":"{{User(u)}}-o{{step}}","time":{{step}}}"""
        : Events(($"{User(u)}-e{step}a", step), ($"{User(u)}-e{step}b", step + 0.5));

    /// <summary>The ids step <paramref name="step"/> of user u stores, as "user/id".</summary>
    public static IEnumerable<string> Ids(int u, int step) => IsOpportunity(step)
        ? [$"{User(u)}/{User(u)}-o{step}"]
        : [$"{User(u)}/{User(u)}-e{step}a", $"{User(u)}/{User(u)}-e{step}b"];

    public static int RecordsUpTo(int steps) => Enumerable.Range(0, steps).Sum(s => IsOpportunity(s) ? 1 : 2);

    /// <summary>Steps [from, to) of user u in order; every answer must be 200; decisions are kept.</summary>
    public static async Task Stream(Poster post, int u, int from, int to, ConcurrentDictionary<string, string> answers, Action<int>? onAck = null)
    {
        for (int step = from; step < to; step++)
        {
            var (status, body) = await post(u, Route(u, step), Body(u, step));
            Assert.True(status == 200, $"{Route(u, step)} step {step}: {status} {body}");
            if (IsOpportunity(step)) answers[$"{User(u)}/{step}"] = body.GetRawText();
            onAck?.Invoke(step);
        }
    }

    /// <summary>The planned next action and <see cref="After"/> more decisions per user.</summary>
    public static async Task Finish(Poster post, Getter get, ConcurrentDictionary<string, string> answers)
    {
        await Task.WhenAll(Enumerable.Range(0, Users).Select(async u =>
        {
            answers[$"{User(u)}/next"] = (await get(u, $"/v1/users/{User(u)}/next-action")).Body.GetRawText();
            for (int k = 0; k < After; k++)
                answers[$"{User(u)}/after{k}"] = (await post(u, $"/v1/users/{User(u)}/opportunity", $$"""{"id":"after{{k}}","time":{{100 + k}}}""")).Body.GetRawText();
        }));
    }

    public static string Policy() => LiveServer.BaselineFile("random-choice", "actProbability", 0.5);

    /// <summary>The same streams on an uninterrupted single node with the same policy and seed.</summary>
    public static async Task<ConcurrentDictionary<string, string>> Reference(string policy)
    {
        var expected = new ConcurrentDictionary<string, string>();
        await using var single = await LiveServer.StartAsync(new ServerOptions { Store = "memory", PolicyFile = policy, Seed = Seed });
        Poster post = (_, path, json) => Post(single.Client, path, json);
        Getter get = (_, path) => Get(single.Client, path);
        await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(post, u, 0, Steps, expected)));
        await Finish(post, get, expected);
        return expected;
    }

    public static string SharedStore() => TestStores.NewSpec(PostgresCluster.Missing is null ? TestStores.Postgres : TestStores.Sqlite);

    /// <summary>Each id exactly once, and exactly the records the streams and <see cref="Finish"/> acknowledged;
    /// returns the stored "user/id" keys.</summary>
    public static async Task<IReadOnlySet<string>> AssertStoredExactlyOnce(string store)
    {
        var stored = (await TestStores.ReadAll(store, "default")).CountBy(r => $"{r.User}/{r.Record.Id}").ToDictionary();
        Assert.All(stored, s => Assert.True(s.Value == 1, $"{s.Key} stored {s.Value} times"));
        Assert.Equal(Users * (RecordsUpTo(Steps) + After), stored.Count);
        return stored.Keys.ToHashSet();
    }

    /// <summary>Every answer 200 or 503 with Retry-After, and none later than <see cref="CallBound"/> once the time this
    /// test process itself was stalled during the call is taken out (an answer cannot be read by a stalled client).</summary>
    public static void AssertEveryCallAnswered(ProcessCluster cluster)
    {
        var calls = cluster.CallsSoFar();
        Assert.All(calls, c => Assert.True(c.Status is 200 or 503, $"a call answered {c.Status}"));
        Assert.All(calls.Where(c => c.Status == 503), c => Assert.True(c.RetryAfter, "a 503 without Retry-After"));
        Assert.All(calls, c => Assert.True(c.Elapsed - c.HostStalled < CallBound,
            $"a call took {c.Elapsed.TotalSeconds:0.0} s ({c.HostStalled.TotalSeconds:0.0} s of it with this test process stalled), more than {CallBound.TotalSeconds} s"));
    }
}
