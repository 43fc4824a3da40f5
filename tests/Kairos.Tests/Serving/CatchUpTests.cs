using System.Globalization;
using Kairos.Server;
using Kairos.Serving;
using Kairos.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// A single node's catch-up after a long outage (`kairos serve --emit-actions`, its clock moved two hours on): plans
/// more than --max-lateness overdue are skipped once each, re-planned from now and never emitted; plans overdue by
/// less are emitted once each, at the time they leave, spread by the catch-up rate rather than in one burst; the skips
/// are listed by <c>GET /v1/actions?include=skipped</c>, never by the plain feed of emitted actions. In
/// memory (the outage is the clock jumping under a running node) and on SQLite and PostgreSQL (a restart on the same store).
/// </summary>
public class CatchUpTests
{
    private const int Stale = 8, Late = 30;
    private const double Bound = 120, Rate = 10;
    private const ulong Seed = 3;
    private static readonly TimeSpan Outage = TimeSpan.FromHours(2);

    public static TheoryData<string> Stores
    {
        get
        {
            var data = new TheoryData<string> { "memory" };
            foreach (string kind in TestStores.Durable) data.Add(kind);
            return data;
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task After_a_long_outage_stale_plans_are_skipped_once_and_late_ones_leave_once_each_paced(string kind)
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 0.5);
        string spec = kind == "memory" ? "memory" : TestStores.NewSpec(kind);
        double t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, resumed = t0 + Outage.TotalSeconds;
        var users = Enumerable.Range(0, Stale).Select(i => ($"stale-{i}", t0))   // planned ~2 h before the node resumes
            .Concat(Enumerable.Range(0, Late).Select(i => ($"late-{i}", resumed - 60))).ToArray();   // ~1 min before
        var first = await FirstPlans(policy, users);
        var options = new ServerOptions
        {
            Store = spec, PolicyFile = policy, Seed = Seed, EmitActions = true, CatchUpRate = Rate,
            Clock = new ShiftedClock { Offset = Outage }, Engine = new EngineOptions { MaxLateness = Bound },
        };
        if (kind != "memory")
            await using (var before = await LiveServer.StartAsync(options with { EmitActions = false, Clock = TimeProvider.System }))
                await Ingest(before.Client, users);

        await using var server = await LiveServer.StartAsync(options);
        if (kind == "memory") await Ingest(server.Client, users);
        var store = server.App.Services.GetRequiredService<IUserStateStore>();
        await Until(async () => Late == (await store.ReadOutboxAsync(0, 100_000)).Count(r => r.ActionId == first[r.User])
                                && Stale == store.ReadAll("default").Count(r => SkippedAction.Is(r.Record)));
        var (_, _, metrics) = await Text(server.Client, "/metrics");
        var (_, withSkipped) = await Get(server.Client, "/v1/actions?include=skipped&limit=1000");   // the skipped-actions feed
        var feed = withSkipped.GetProperty("actions").EnumerateArray().ToArray();
        var (_, emittedOnly) = await Get(server.Client, "/v1/actions?limit=1000");
        await server.App.StopAsync();   // no more emissions while the store is checked

        var outbox = await EmittedPlans.AssertEmittedOnceAsPlanned(store, policy, Seed);   // each action or skip was the plan then
        var records = store.ReadAll("default").ToList();
        Assert.All(users.Where(u => u.Item1.StartsWith("stale", StringComparison.Ordinal)), u =>
        {
            Assert.True(SkippedAction.Is(Assert.Single(records, r => r.User == u.Item1 && r.Record.Id == first[u.Item1]).Record));
            Assert.DoesNotContain(outbox, o => o.User == u.Item1 && o.ActionId == first[u.Item1]);
        });
        var caughtUp = outbox.Where(o => o.ActionId == first[o.User]).ToArray();
        Assert.Equal(Late, caughtUp.Length);
        Assert.All(caughtUp, o => Assert.True(o.Time >= resumed, "a catch-up is recorded when it leaves"));
        double spread = caughtUp.Max(o => o.Time) - caughtUp.Min(o => o.Time);
        Assert.True(spread >= (Late - Rate - 1) / Rate - 0.3, $"{Late} catch-ups at {Rate}/s left within {spread:0.00} s: not paced");
        Assert.Contains($"kairos_actions_skipped_late_total {Stale}\n", metrics);
        var skippedRows = feed.Where(a => a.GetProperty("status").GetString() == "skipped").ToArray();
        Assert.Equal(users.Where(u => u.Item1.StartsWith("stale", StringComparison.Ordinal)).Select(u => (u.Item1, first[u.Item1])).Order(),
            skippedRows.Select(a => (a.GetProperty("user").GetString()!, a.GetProperty("actionId").GetString()!)).Order());
        Assert.All(skippedRows, a => Assert.Equal(EmittedAction.IdFor(a.GetProperty("plannedTime").GetDouble()), a.GetProperty("actionId").GetString()));
        Assert.All(skippedRows, a => Assert.True(a.GetProperty("time").GetDouble() >= resumed, "time = when it was skipped"));
        Assert.Equal(feed.Select(a => a.GetProperty("cursor").GetInt64()).Order(), feed.Select(a => a.GetProperty("cursor").GetInt64()));
        long last = feed[^1].GetProperty("cursor").GetInt64();   // the plain feed, read later, may have more rows past it
        Assert.Equal(feed.Where(a => a.GetProperty("status").GetString() == "emitted").Select(a => a.GetProperty("id").GetString()),
            emittedOnly.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("cursor").GetInt64() <= last)
                .Select(a => a.GetProperty("id").GetString()));   // the plain feed: emitted only
        Assert.All(emittedOnly.GetProperty("actions").EnumerateArray(), a => Assert.Equal("emitted", a.GetProperty("status").GetString()));
    }

    /// <summary>Each user's first planned action id (one feedback event at its time), from an engine with the same seed.</summary>
    private static async Task<Dictionary<string, string>> FirstPlans(string policy, (string User, double Time)[] users)
    {
        var engine = new DecisionEngine(new InMemoryUserStateStore(), new PolicyCatalog([PolicyFiles.Load(policy, PolicyCatalog.DefaultName, Seed)]));
        var plans = new Dictionary<string, string>();
        foreach (var (user, time) in users)
        {
            await engine.IngestAsync("default", user, [new IncomingEvent("e", time, Kairos.PointProcesses.EventKind.Feedback, 0, 1.0)]);
            plans[user] = EmittedAction.IdFor((await engine.NextActionAsync("default", user)).Time!.Value);
        }
        return plans;
    }

    private static async Task Ingest(HttpClient client, (string User, double Time)[] users)
    {
        foreach (var (user, time) in users)
            Assert.Equal(200, (await Post(client, $"/v1/users/{user}/events", Events(("e", time)))).Item1);
    }

    /// <summary>Polls without blocking a thread-pool thread (the store's reads and the server's emissions need them on
    /// a loaded machine); the catch-up itself takes Late / Rate = 3 s.</summary>
    private static Task Until(Func<Task<bool>> done) => Waits.Until(done, "the catch-up");

    private static async Task<(int, string, string)> Text(HttpClient c, string path)
    {
        using var r = await c.GetAsync(path);
        return ((int)r.StatusCode, r.Content.Headers.ContentType?.MediaType ?? "", await r.Content.ReadAsStringAsync());
    }
}
