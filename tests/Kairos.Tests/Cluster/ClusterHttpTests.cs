using Kairos.Orleans;
using Kairos.Server;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>The HTTP API over the cluster: same answers as a single node, 503 with Retry-After when the user's grain
/// is out of reach, cluster members on the dashboard's stats.</summary>
public sealed class ClusterHttpTests(TestClusterFixture fixture) : IClassFixture<TestClusterFixture>
{
    /// <summary>The HTTP API over the fixture's cluster, each grain call bounded by <paramref name="timeout"/>: one tick
    /// to provoke the 503 of an unreachable user, else the hang guard (a call that runs out of a seconds-scale limit
    /// on a loaded machine answers 503 where the test expects 200 or the store's own 503).</summary>
    private Task<Kairos.Tests.Serving.LiveServer> Start(TimeSpan timeout, TimeProvider? clock = null) => Kairos.Tests.Serving.LiveServer.StartAsync(new ServerOptions { Store = "memory" }, b =>
    {
        b.Services.AddSingleton<IDecisionService>(new OrleansDecisionService(fixture.Cluster.Client,
            fixture.Options with { RequestTimeout = timeout, Clock = clock ?? fixture.Options.Clock }));
        b.Services.AddSingleton<IClusterView>(new OrleansClusterView(fixture.Cluster.Client, fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<global::Orleans.Runtime.ILocalSiloDetails>()));
    });

    [Fact]
    public async Task Routes_go_through_the_grains_and_stats_list_the_members()
    {
        await using var server = await Start(Waits.HangGuard);
        var c = server.Client;
        Assert.Equal(200, (await Post(c, "/v1/users/h1/events", Events(("e1", 1), ("e2", 2)))).Item1);
        var (status, body) = await Get(c, "/v1/users/h1");
        Assert.Equal((200, 2), (status, body.GetProperty("events").GetInt32()));
        Assert.Equal(2, fixture.Store.ReadAll("default").Count(r => r.User == "h1"));   // in the cluster's store, not the server's own
        Assert.Equal(409, (await Post(c, "/v1/users/h1/events", Events(("e0", 0.5)))).Item1);
        Assert.Equal(200, (await Get(c, "/v1/users/h1/timeline")).Item1);
        var (_, stats) = await Get(c, "/v1/stats");
        var members = stats.GetProperty("cluster").EnumerateArray().ToArray();
        Assert.Equal(3, members.Length);
        Assert.Single(members, m => m.GetProperty("isSelf").GetBoolean());
        Assert.All(members, m => Assert.Equal("Active", m.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task An_unreachable_user_answers_503_with_Retry_After()
    {
        await using var server = await Start(TimeSpan.FromTicks(1));
        using var response = await server.Client.PostAsync("/v1/users/h2/events", Kairos.Tests.Serving.LiveServer.Json(Events(("e1", 1))));
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(ServingUnavailableException.RetryAfterSeconds.ToString(), response.Headers.RetryAfter?.ToString());
        Assert.Contains("\"field\":\"id\"", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A grain call that neither answers nor fails (the user's restore is held, as a call to a grain on a silo
    /// that hangs would be) answers 503 with Retry-After when the request timeout runs out on the service's clock, and
    /// not when Orleans' own response timeout (here the 5-minute hang guard) would; the client's retry, once the grain
    /// goes on, answers 200 and the event is stored once.</summary>
    [Fact]
    public async Task A_stalled_grain_call_answers_503_with_Retry_After_when_the_request_timeout_runs_out()
    {
        var clock = new ManualTimers();
        var timeout = TimeSpan.FromDays(1);
        string user = OutageStore.StalledPrefix + "1", path = $"/v1/users/{OutageStore.StalledPrefix}1/events", json = Events(("e1", 1));
        var stall = OutageStore.Stall(user);
        await using var server = await Start(timeout, clock);
        var first = server.Client.PostAsync(path, Kairos.Tests.Serving.LiveServer.Json(json));
        await stall.Entered.WaitAsync(Waits.HangGuard);
        await Waits.Until(() => Task.FromResult(clock.Pending == 1), "the request's deadline armed");
        clock.Advance(timeout - TimeSpan.FromSeconds(1));
        Assert.False(first.IsCompleted, "answered before its deadline");
        clock.Advance(TimeSpan.FromSeconds(1));
        using (var response = await first.WaitAsync(Waits.HangGuard))
        {
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal(ServingUnavailableException.RetryAfterSeconds.ToString(), response.Headers.RetryAfter?.ToString());
            Assert.Contains("TimeoutException", await response.Content.ReadAsStringAsync());
        }

        stall.Release();
        var (status, body) = await Post(server.Client, path, json);
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("applied").GetInt32() + body.GetProperty("duplicates").GetInt32());
        Assert.Single(fixture.Store.ReadAll("default"), r => r.User == user);
    }

    [Fact]
    public async Task A_store_out_of_reach_on_a_silo_answers_503_with_Retry_After_not_500()
    {
        await using var server = await Start(Waits.HangGuard);
        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Post, $"/v1/users/{OutageStore.Prefix}1/events", Events(("e1", 1))),
                     (HttpMethod.Post, $"/v1/users/{OutageStore.Prefix}1/opportunity", """{"id":"o1","time":1}"""),
                     (HttpMethod.Get, $"/v1/users/{OutageStore.Prefix}1/next-action", null),
                     (HttpMethod.Get, $"/v1/users/{OutageStore.Prefix}1", null),
                 })
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null) request.Content = Kairos.Tests.Serving.LiveServer.Json(json);
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal(ServingUnavailableException.RetryAfterSeconds.ToString(), response.Headers.RetryAfter?.ToString());
            Assert.Contains("53300", await response.Content.ReadAsStringAsync());
        }
        await Assert.ThrowsAsync<ServingUnavailableException>(() => fixture.Service.IngestAsync("default", OutageStore.Prefix + "2", [new("e1", 1, Kairos.PointProcesses.EventKind.Feedback)]));
    }
}
