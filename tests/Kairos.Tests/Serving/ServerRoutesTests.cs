using System.Text.Json;
using Kairos.Server;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>The HTTP API on a real Kestrel, against SQLite and PostgreSQL: routes, idempotency, ordering, problem
/// details.</summary>
public sealed class ServerRoutesTests
{
    private static Task<LiveServer> Start(string store) => LiveServer.StartAsync(new ServerOptions
    {
        Store = TestStores.NewSpec(store),
        PolicyFile = LiveServer.BaselineFile("random-choice", "actProbability", 0.6),
        Seed = 5,
        MaxBodyBytes = 8192,
        Engine = new() { MaxBatch = 10 },
    });

    public static TheoryData<string> Stores => TestStores.Durable;

    [Theory, MemberData(nameof(Stores))]
    public async Task Ingest_decide_and_read_a_user(string store)
    {
        await using var server = await Start(store);
        var C = server.Client;
        var (status, body) = await Post(C, "/v1/users/alice/events", Events(("e1", 1.5), ("e2", 2)));
        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("applied").GetInt32());
        (status, body) = await Post(C, "/v1/users/alice/events", Events(("e1", 1.5), ("e2", 2)));
        Assert.Equal((200, 0, 2), (status, body.GetProperty("applied").GetInt32(), body.GetProperty("duplicates").GetInt32()));
        (status, body) = await Post(C, "/v1/users/alice/events", Events(("e1", 1.75)));
        Assert.Equal((409, "events[0].id"), (status, body.GetProperty("field").GetString()));   // same id, other event

        var (s1, d1) = await Post(C, "/v1/users/alice/opportunity", """{"id":"o1","time":3}""");
        var (s2, d2) = await Post(C, "/v1/users/alice/opportunity", """{"id":"o1","time":3}""");
        Assert.Equal((200, 200), (s1, s2));
        Assert.Equal(d1.GetRawText(), d2.GetRawText());
        int action = d1.GetProperty("action").GetInt32();
        Assert.InRange(action, 0, 3);
        Assert.Equal(action == 0 ? 0.4 : 0.2, d1.GetProperty("propensity").GetDouble(), 12);

        (status, body) = await Get(C, "/v1/users/alice/next-action");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("time").ValueKind);   // a choice policy plans no timing
        Assert.Equal(d1.GetProperty("policyVersion").GetString(), body.GetProperty("policyVersion").GetString());

        (status, body) = await Get(C, "/v1/users/alice");
        Assert.Equal((200, 3, 3.0), (status, body.GetProperty("events").GetInt32(), body.GetProperty("lastTime").GetDouble()));
        Assert.Equal(404, (await Get(C, "/v1/users/nobody")).Item1);
        Assert.Equal(200, (await Get(C, "/health")).Item1);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task An_out_of_order_event_is_409_naming_the_event(string store)
    {
        await using var server = await Start(store);
        var C = server.Client;
        await Post(C, "/v1/users/bob/events", Events(("a", 10)));
        var (status, body) = await Post(C, "/v1/users/bob/events", Events(("b", 11), ("late", 9)));
        Assert.Equal(409, status);
        Assert.Equal("events[1].time", body.GetProperty("field").GetString());
        Assert.Contains("'late'", body.GetProperty("detail").GetString());
        (status, body) = await Get(C, "/v1/users/bob");
        Assert.Equal(1, body.GetProperty("events").GetInt32());   // the whole batch was refused
        Assert.Equal(409, (await Post(C, "/v1/users/bob/opportunity", """{"id":"o","time":5}""")).Item1);
    }

    public static TheoryData<string, string, string, int, string> BadInputs
    {
        get
        {
            var data = new TheoryData<string, string, string, int, string>();
            foreach (string store in TestStores.Durable)
                foreach (var (path, json, status, named) in BadInputCases) data.Add(store, path, json, status, named);
            return data;
        }
    }

    private static readonly (string, string, int, string)[] BadInputCases =
    [
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback""", 400, "body" ),
        ( "/v1/users/u/events", """[1,2]""", 400, "body" ),
        ( "/v1/users/u/events", """{"events":{}}""", 400, "events" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"click"}]}""", 400, "events[0].kind" ),
        ( "/v1/users/u/events", """{"events":[{"time":"NaN","kind":"feedback"}]}""", 400, "events[0].time" ),
        ( "/v1/users/u/events", """{"events":[{"time":1e999,"kind":"feedback"}]}""", 400, "events[0].time" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback"},{"time":-2,"kind":"feedback"}]}""", 400, "events[1].time" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback","mark":-1}]}""", 400, "events[0].mark" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"action","mark":3}]}""", 400, "events[0].mark" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback","tiem":2}]}""", 400, "events[0].tiem" ),
        ( "/v1/users/u/events", $$"""{"events":[{"id":"{{new string('i', 129)}}","time":1,"kind":"feedback"}]}""", 400, "events[0].id" ),
        ( $"/v1/users/{new string('u', 129)}/events", """{"events":[]}""", 400, "id" ),
        ( "/v1/users/u/events", JsonSerializer.Serialize(new { events = Enumerable.Range(0, 11).Select(i => new { time = i, kind = "feedback" }) }), 400, "events" ),
        ( "/v1/users/u/events", $$"""{"events":[{"time":1,"kind":"feedback","id":"{{new string('x', 9000)}}"}]}""", 413, "body" ),
        ( "/v1/users/u/opportunity", """{"time":1}""", 400, "id" ),
        ( "/v1/users/u/opportunity", """{"id":"o","time":-1}""", 400, "time" ),
        ( "/v1/users/u/opportunity", """{"id":7,"time":1}""", 400, "id" ),
        ( "/v1/policies/nope/users/u/opportunity", """{"id":"o","time":1}""", 404, "policy" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback","feedback":[1,2]}]}""", 400, "events[0].feedback" ),
        ( "/v1/users/u/events", """{"events":[{"time":1,"kind":"feedback","context":[1,"x"]}]}""", 400, "events[0].context[1]" ),
        ( "/v1/users/u/opportunity", """{"id":"o","time":1,"context":{}}""", 400, "context" ),
    ];

    [Theory, MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_problem_details_naming_the_field(string store, string path, string json, int expected, string field)
    {
        await using var server = await Start(store);
        var C = server.Client;
        var (status, body) = await Post(C, path, json);
        Assert.Equal(expected, status);
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        Assert.Equal(expected, body.GetProperty("status").GetInt32());
        Assert.Equal(404, (await Get(C, "/v1/users/u")).Item1);   // nothing was stored
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Admin_hot_swap_serves_the_new_version_and_metrics_and_openapi_are_served(string store)
    {
        await using var server = await Start(store);
        var C = server.Client;
        var (_, before) = await Post(C, "/v1/users/carol/opportunity", """{"id":"o1","time":1}""");
        var (status, swap) = await Send(C, HttpMethod.Put, "/v1/admin/policies/default",
            """{"format":"kairos.baseline-policy","kind":"random-choice","actProbability":1,"marks":3}""");
        Assert.Equal(200, status);
        var (_, after) = await Post(C, "/v1/users/carol/opportunity", """{"id":"o2","time":2}""");
        Assert.Equal(swap.GetProperty("policyVersion").GetString(), after.GetProperty("policyVersion").GetString());
        Assert.NotEqual(before.GetProperty("policyVersion").GetString(), after.GetProperty("policyVersion").GetString());
        Assert.NotEqual(0, after.GetProperty("action").GetInt32());   // ρ = 1 always acts
        Assert.Equal(400, (await Send(C, HttpMethod.Put, "/v1/admin/policies/default", """{"format":"kairos.baseline-policy","kind":"nope"}""")).Item1);

        string metrics = await C.GetStringAsync("/metrics");
        Assert.Contains("kairos_http_requests_total{route=\"/v1/users/{id}/opportunity\",status=\"200\"}", metrics);
        Assert.Contains("kairos_http_request_duration_seconds_bucket{route=\"/v1/users/{id}/opportunity\",le=\"+Inf\"}", metrics);
        Assert.Contains("kairos_users_in_memory ", metrics);
        Assert.Contains("kairos_store_batch_size_count ", metrics);
        Assert.True(MetricValue(metrics, "process_cpu_seconds_total") > 0);
        Assert.True(MetricValue(metrics, "dotnet_gc_pause_seconds_total") >= 0);
        Assert.Equal(2, MetricValue(metrics, "kairos_request_parts_requests_total{requests=\"all\",gc=\"any\"}"));   // the two opportunities
        Assert.Contains("kairos_request_part_seconds_total{requests=\"slow\",part=\"store_commit\"} ", metrics);
        Assert.True(MetricValue(await C.GetStringAsync("/metrics"), "dotnet_gc_allocated_bytes_total") > MetricValue(metrics, "dotnet_gc_allocated_bytes_total"));
        var openapi = JsonDocument.Parse(await C.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/v1/users/{id}/events", out _));
    }

    [Fact]
    public void Without_an_admin_token_the_server_refuses_a_non_loopback_binding()
    {
        var e = Assert.Throws<UserInputException>(() => AdminRoutes.EnsureSafeBinding(new ServerOptions { Urls = "http://0.0.0.0:5080" }));
        Assert.Contains("--admin-token", e.Message);
        AdminRoutes.EnsureSafeBinding(new ServerOptions { Urls = "http://127.0.0.1:5080;http://[::1]:5081;http://localhost:1" });
        AdminRoutes.EnsureSafeBinding(new ServerOptions { Urls = "http://0.0.0.0:5080", AdminToken = "t" });
    }

    private static double MetricValue(string metrics, string name) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
