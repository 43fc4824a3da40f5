using System.Text.Json;
using Kairos.Server;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// GET /v1/actions on a single node with --emit-actions: actions the timer emits appear in the outbox in cursor
/// order, with stable unique ids; paging by cursor gives the same actions as one read; reads are idempotent; bad
/// cursors and limits are 400 naming the parameter; the route is in the OpenAPI document and the dashboard's stats
/// list the newest actions.
/// </summary>
public class ActionRoutesTests
{
    public static TheoryData<string> Stores => new() { "memory", TestStores.Sqlite };

    [Theory, MemberData(nameof(Stores))]
    public async Task Emitted_actions_are_read_in_cursor_order_with_stable_ids(string store)
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 8);
        string spec = store == "memory" ? "memory" : TestStores.NewSpec(store);
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = spec, PolicyFile = policy, EmitActions = true });
        var c = server.Client;
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;   // user time = Unix seconds
        for (int u = 0; u < 3; u++)
            Assert.Equal(200, (await Post(c, $"/v1/users/r{u}/events", Events(($"e{u}", now)))).Item1);

        var all = await Eventually(c, atLeast: 6);
        var cursors = all.Select(a => a.GetProperty("cursor").GetInt64()).ToArray();
        Assert.Equal(cursors.Order(), cursors);
        Assert.Equal(cursors.Length, cursors.Distinct().Count());
        var ids = all.Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(all, a => Assert.Equal($"default/{a.GetProperty("user").GetString()}/{a.GetProperty("actionId").GetString()}", a.GetProperty("id").GetString()));
        Assert.All(all, a => Assert.Equal(("emitted", a.GetProperty("actionId").GetString()),
            (a.GetProperty("status").GetString(), Kairos.Serving.EmittedAction.IdFor(a.GetProperty("plannedTime").GetDouble()))));

        var paged = new List<string>();   // one action per page, resuming from "next"
        long after = 0;
        for (int k = 0; k < 6; k++)
        {
            var (_, page) = await Get(c, $"/v1/actions?after={after}&limit=1");
            var action = Assert.Single(page.GetProperty("actions").EnumerateArray());
            after = page.GetProperty("next").GetInt64();
            Assert.Equal(action.GetProperty("cursor").GetInt64(), after);
            paged.Add(action.GetProperty("id").GetString()!);
        }
        Assert.Equal(ids[..6], paged);
        var (_, again) = await Get(c, "/v1/actions?after=0&limit=6");   // idempotent: the same page again
        Assert.Equal(ids[..6], again.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));

        var first = all[0];   // the action is in the user's history, at its time
        var (_, timeline) = await Get(c, $"/v1/users/{first.GetProperty("user").GetString()}/timeline");
        Assert.Contains(timeline.GetProperty("records").EnumerateArray(), r => r.GetProperty("kind").GetString() == "action"
            && r.GetProperty("id").GetString() == first.GetProperty("actionId").GetString()
            && r.GetProperty("time").GetDouble() == first.GetProperty("time").GetDouble());
        var (_, stats) = await Get(c, "/v1/stats");
        var recent = stats.GetProperty("recentActions").EnumerateArray().Select(a => a.GetProperty("cursor").GetInt64()).ToArray();
        Assert.Equal(recent.OrderDescending(), recent);
        Assert.True(recent[0] >= cursors[^1]);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=1&limit=1.5", "limit")]
    [InlineData("include=all", "include")]
    [InlineData("include=Skipped", "include")]
    public async Task Bad_cursors_and_limits_are_400_naming_the_parameter(string query, string field)
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        var (status, body) = await Get(server.Client, $"/v1/actions?{query}");
        Assert.Equal((400, field), (status, body.GetProperty("field").GetString()));
        var (ok, empty) = await Get(server.Client, "/v1/actions?after=5");   // nothing emitted: an empty page that keeps the cursor
        Assert.Equal((200, 0, 5L), (ok, empty.GetProperty("actions").GetArrayLength(), empty.GetProperty("next").GetInt64()));
        var openapi = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/v1/actions", out var route));
        var get = route.GetProperty("get");
        Assert.Equal(["after", "limit", "include"], get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Contains("include=skipped", get.GetProperty("description").GetString());
    }

    /// <summary>Until at least <paramref name="atLeast"/> actions are emitted (two per user at 8 per second on a
    /// quiet machine; the timers can lag far behind on a loaded one).</summary>
    private static Task<JsonElement[]> Eventually(HttpClient c, int atLeast) =>
        Waits.Until(async () => (await Get(c, "/v1/actions?after=0&limit=1000")).Item2.GetProperty("actions").EnumerateArray().ToArray(),
            actions => actions.Length >= atLeast, $"{atLeast} emitted actions");
}
