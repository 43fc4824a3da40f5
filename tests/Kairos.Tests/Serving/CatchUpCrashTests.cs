using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// A catch-up interrupted by SIGKILL: a SQLite store holds users whose plans fell due during an outage, some ~2 h
/// ago (beyond --max-lateness 1 h), the rest ~20 s ago; `kairos serve --emit-actions` starts catching up at 1 per
/// second (40 s for the late plans: a window no slow poll misses) and is SIGKILLed after the first few, then restarted
/// on the same store (catching up at 1,000 per second). The late plans stay within the lateness bound for an hour, so
/// however slowly the two starts go on a loaded machine, none of them turns stale. Every late plan is emitted exactly once (with its
/// outbox row; the cursors the consumer saw before the kill stay), every stale plan is skipped exactly once and never
/// emitted, and every stored action or skip was the plan at that point (replayed offline with the same seed).
/// </summary>
public class CatchUpCrashTests
{
    private const int Stale = 10, Late = 40;
    private const ulong Seed = 9;

    [Fact]
    public async Task A_catch_up_killed_halfway_neither_loses_nor_doubles_an_action_and_never_emits_a_skipped_one()
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 0.5);
        string db = TestStores.NewSpec(TestStores.Sqlite);
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var first = new Dictionary<string, string>();   // user → id of the plan that fell due in the outage
        await using (var store = UserStores.Open(db))
        {
            var engine = new DecisionEngine(store, new PolicyCatalog([PolicyFiles.Load(policy, PolicyCatalog.DefaultName, Seed)]));
            for (int i = 0; i < Stale + Late; i++)
            {
                string user = i < Stale ? $"stale-{i}" : $"late-{i}";
                await engine.IngestAsync("default", user, [new IncomingEvent("e", now - (i < Stale ? 7200 : 20), EventKind.Feedback, 0, 1.0)]);
                first[user] = EmittedAction.IdFor((await engine.NextActionAsync("default", user)).Time!.Value);
            }
        }
        string[] flags = ["--emit-actions", "--max-lateness", "1h", "--catch-up-rate", "1"];
        var seen = new Dictionary<string, long>();   // outbox id → cursor, as a consumer read them before the kill
        using (var child = await ServerProcess.StartAsync(db, policy, (int)Seed, flags))
        {
            await Waits.Until(async () =>
            {
                foreach (var a in await Actions(child.Client)) seen[a.Id] = a.Cursor;
                return first.Count(u => seen.ContainsKey($"default/{u.Key}/{u.Value}")) >= 3;
            }, "the first three catch-ups");
            child.Kill();
        }
        int before = first.Count(u => seen.ContainsKey($"default/{u.Key}/{u.Value}"));
        Assert.InRange(before, 1, Late - 1);   // killed mid-catch-up

        using (var restarted = await ServerProcess.StartAsync(db, policy, (int)Seed, [.. flags[..^1], "1000"]))
        {
            await Waits.Until(async () => (await Actions(restarted.Client)).Count(a => first[a.User] == a.ActionId) >= Late, "every late plan emitted after the restart");
            restarted.Kill();
        }

        var outbox = await EmittedPlans.AssertEmittedOnceAsPlanned(db, policy, Seed);
        Assert.All(seen, s => Assert.Equal(s.Value, outbox.Single(o => o.Id == s.Key).Cursor));
        var records = await TestStores.ReadAll(db, "default");
        foreach (var (user, id) in first)
        {
            var record = Assert.Single(records, r => r.User == user && r.Record.Id == id).Record;
            bool stale = user.StartsWith("stale", StringComparison.Ordinal);
            Assert.Equal(stale, SkippedAction.Is(record));
            Assert.Equal(stale ? 0 : 1, outbox.Count(o => o.User == user && o.ActionId == id));
        }
    }

    private static async Task<OutboxEntry[]> Actions(HttpClient client)
    {
        var (status, page) = await Get(client, "/v1/actions?after=0&limit=1000");
        Assert.Equal(200, status);
        return page.GetProperty("actions").EnumerateArray().Select(a => new OutboxEntry(a.GetProperty("cursor").GetInt64(),
            a.GetProperty("policy").GetString()!, a.GetProperty("user").GetString()!, a.GetProperty("actionId").GetString()!,
            a.GetProperty("time").GetDouble(), a.GetProperty("mark").GetInt32())).ToArray();
    }
}
