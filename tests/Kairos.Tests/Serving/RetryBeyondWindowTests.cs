using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>
/// The in-memory id window is a cache: a retry of an id that left it is still recognized through the store, on every
/// store. A retried event is counted as a duplicate and never applied twice, whether it is earlier than the user's last
/// event (looked up before anything is applied) or not (the store refuses the id, the user is restored and the request
/// applied again knowing the stored records); a retried opportunity gets its stored decision; the same id with other
/// content is a conflict. Afterwards each id is stored exactly once and the user's state equals an uninterrupted run's.
/// </summary>
public class RetryBeyondWindowTests
{
    private const int Window = 2;

    public static TheoryData<string> Stores
    {
        get
        {
            var data = new TheoryData<string> { "memory" };
            foreach (string kind in TestStores.Durable) data.Add(kind);
            return data;
        }
    }

    private static IncomingEvent Feedback(string id, double t, double value = 1.0) => new(id, t, EventKind.Feedback, 0, value);

    private static IUserStateStore Open(string kind) => kind == "memory" ? new InMemoryUserStateStore() : UserStores.Open(TestStores.NewSpec(kind));

    [Theory, MemberData(nameof(Stores))]
    public async Task An_old_event_id_retried_is_a_duplicate_and_applied_once(string kind)
    {
        await using var store = Open(kind);
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = Window });
        for (int i = 1; i <= 5; i++) await engine.IngestAsync("default", "u", [Feedback($"e{i}", i)]);
        await engine.IngestAsync("default", "u", [Feedback("s1", 6), Feedback("s2", 6), Feedback("s3", 6), Feedback("s4", 6)]);   // same time: in order on retry

        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("e1", 1)]));             // earlier than the last event
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("s1", 6)]));             // not earlier: the store refuses it
        Assert.Equal(new IngestResult(1, 2), await engine.IngestAsync("default", "u", [Feedback("e2", 2), Feedback("s2", 6), Feedback("n1", 7)]));
        var restored = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = Window });
        Assert.Equal(new IngestResult(0, 1), await restored.IngestAsync("default", "u", [Feedback("e3", 3)]));
        Assert.Equal(new IngestResult(0, 1), await restored.IngestAsync("default", "u", [Feedback("s3", 6)]));

        string[] ids = ["e1", "e2", "e3", "e4", "e5", "s1", "s2", "s3", "s4", "n1"];
        Assert.Equal(ids, store.ReadUser("default", "u").Select(r => r.Id!));
        Assert.Equal(new UserSummary(10, 7.0), await restored.UserAsync("default", "u"));
        Assert.Equal(await NextAfterUninterrupted(ids), await restored.NextActionAsync("default", "u"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task An_old_id_with_other_content_is_a_conflict_and_changes_nothing(string kind)
    {
        await using var store = Open(kind);
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = Window });
        for (int i = 1; i <= 5; i++) await engine.IngestAsync("default", "u", [Feedback($"e{i}", i)]);
        var earlier = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("e1", 1, value: 0.5)]));
        Assert.Equal("events[0].id", earlier.Field);
        var later = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("n1", 6), Feedback("e2", 6)]));
        Assert.Equal("events[1].id", later.Field);
        Assert.Contains("user 'u'", later.Message);
        Assert.Equal(new IngestResult(1, 0), await engine.IngestAsync("default", "u", [Feedback("n1", 6)]));
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "n1"], store.ReadUser("default", "u").Select(r => r.Id!));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task An_old_opportunity_retried_gets_its_stored_decision(string kind)
    {
        await using var store = Open(kind);
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = Window });
        var first = await engine.DecideAsync("choice", "u", "o1", 1);
        var same = await engine.DecideAsync("choice", "u", "o2", 4);
        for (int i = 1; i <= 4; i++) await engine.IngestAsync("choice", "u", [Feedback($"e{i}", 4)]);

        var earlier = await engine.DecideAsync("choice", "u", "o1", 1);        // earlier than the last event
        var notEarlier = await engine.DecideAsync("choice", "u", "o2", 4);     // not earlier: the store refuses the id
        Assert.Equal(first with { Repeated = true }, earlier);
        Assert.Equal(same with { Repeated = true }, notEarlier);
        var moved = await Assert.ThrowsAsync<IdConflictException>(() => engine.DecideAsync("choice", "u", "o1", 2));
        Assert.Equal("time", moved.Field);
        var wasEvent = await Assert.ThrowsAsync<IdConflictException>(() => engine.DecideAsync("choice", "u", "e1", 4));
        Assert.Contains("already used by a feedback event", wasEvent.Message);
        Assert.Equal(6, store.ReadUser("choice", "u").Count());
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Only_retries_beyond_the_window_ask_the_store_for_ids(string kind)
    {
        await using var store = Open(kind);
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = Window });
        for (int i = 1; i <= 20; i++) await engine.IngestAsync("default", "u", [Feedback($"e{i}", i)]);
        await engine.IngestAsync("default", "u", [Feedback("b1", 30), Feedback("b2", 30), Feedback("b3", 31)]);
        for (int i = 1; i <= 5; i++) await engine.DecideAsync("choice", "u", $"o{i}", i);
        Assert.Equal(0, engine.IdLookups);   // new events in time order, far beyond the window: no lookup

        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("b3", 31)]));   // in the window
        Assert.Equal(0, engine.IdLookups);
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("e1", 1)]));     // beyond it
        Assert.Equal(1, engine.IdLookups);
        Assert.True((await engine.DecideAsync("choice", "u", "o1", 1)).Repeated);
        Assert.Equal(2, engine.IdLookups);
    }

    /// <summary>The planned next action after applying the ids' events once each, in one engine with an unbounded window.</summary>
    private static async Task<NextActionResult> NextAfterUninterrupted(string[] ids)
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = 1000 });
        foreach (var id in ids)
            await engine.IngestAsync("default", "u", [Feedback(id, id[0] == 'e' ? id[1] - '0' : id[0] == 's' ? 6 : 7)]);
        return await engine.NextActionAsync("default", "u");
    }
}
