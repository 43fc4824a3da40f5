using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

public class DecisionEngineTests
{
    private static IncomingEvent Feedback(string id, double t) => new(id, t, EventKind.Feedback, 0, 1.0);

    [Fact]
    public async Task A_retried_batch_is_applied_once()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        IncomingEvent[] batch = [Feedback("a", 1), Feedback("b", 2), Feedback("a", 1)];
        Assert.Equal(new IngestResult(2, 1), await engine.IngestAsync("default", "u", batch));
        Assert.Equal(new IngestResult(0, 3), await engine.IngestAsync("default", "u", batch));
        Assert.Equal(new UserSummary(2, 2.0), await engine.UserAsync("default", "u"));
        Assert.Equal(2, store.ReadAll("default").Count());
    }

    [Fact]
    public async Task An_event_older_than_the_last_applied_is_a_conflict_naming_it_and_changes_nothing()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        await engine.IngestAsync("default", "u", [Feedback("a", 5)]);
        var before = await engine.NextActionAsync("default", "u");
        var e = await Assert.ThrowsAsync<EventOrderException>(() => engine.IngestAsync("default", "u", [Feedback("b", 6), Feedback("late", 4)]));
        Assert.Contains("'late'", e.Message);
        Assert.Equal("events[1].time", e.Field);
        Assert.Equal(new UserSummary(1, 5.0), await engine.UserAsync("default", "u"));
        Assert.Equal(before, await engine.NextActionAsync("default", "u"));
        await Assert.ThrowsAsync<EventOrderException>(() => engine.DecideAsync("choice", "u2", "o", 1).ContinueWith(_ =>
            engine.DecideAsync("choice", "u2", "o2", 0.5)).Unwrap());
    }

    [Fact]
    public async Task A_retried_opportunity_gets_the_same_decision_and_is_stored_once()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        var first = await engine.DecideAsync("choice", "u", "o1", 1.0);
        var again = await engine.DecideAsync("choice", "u", "o1", 1.0);
        Assert.Equal(first with { Repeated = true }, again);
        Assert.Single(store.ReadAll("choice"));
        await engine.IngestAsync("choice", "u", [Feedback("f1", 2)]);
        var conflict = await Assert.ThrowsAsync<IdConflictException>(() => engine.DecideAsync("choice", "u", "f1", 3));
        Assert.Contains("feedback", conflict.Message);
    }

    [Fact]
    public async Task Bad_fields_are_named()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { MaxBatch = 3 });
        async Task<string> Field(Func<Task> call) => (await Assert.ThrowsAsync<ServingInputException>(call)).Field;
        Assert.Equal("events[0].time", await Field(() => engine.IngestAsync("default", "u", [Feedback("a", double.NaN)])));
        Assert.Equal("events[1].time", await Field(() => engine.IngestAsync("default", "u", [Feedback("a", 1), Feedback("b", -1)])));
        Assert.Equal("events[0].id", await Field(() => engine.IngestAsync("default", "u", [Feedback(new string('x', 129), 1)])));
        Assert.Equal("events[0].mark", await Field(() => engine.IngestAsync("default", "u", [new IncomingEvent("a", 1, EventKind.Action, 3)])));
        Assert.Equal("events", await Field(() => engine.IngestAsync("default", "u", Enumerable.Range(0, 4).Select(i => Feedback($"{i}", i)).ToArray())));
        Assert.Equal("id", await Field(() => engine.DecideAsync("choice", new string('u', 129), "o", 1)));
        await Assert.ThrowsAsync<UnknownPolicyException>(() => engine.NextActionAsync("nope", "u"));
        Assert.Empty(store.ReadAll("default"));
        Assert.Null(await engine.UserAsync("default", "u"));
    }

    public static TheoryData<string> Stores => TestStores.Durable;

    [Theory, MemberData(nameof(Stores))]
    public async Task Restoring_from_stored_snapshots_and_replay_gives_the_uninterrupted_decisions(string kind)
    {
        var steps = Stream(seed: 7, users: 4, steps: 120);
        List<string> uninterrupted;
        await using (var store = new InMemoryUserStateStore())
            uninterrupted = await Run(new DecisionEngine(store, Catalog()), steps);

        string spec = TestStores.NewSpec(kind);
        var answers = new List<string>();
        foreach (var part in new[] { steps[..50], steps[50..90], steps[90..] })
        {
            // A new engine and store per part: every user is restored from the store (snapshot + replay).
            await using var store = UserStores.Open(spec);
            answers.AddRange(await Run(new DecisionEngine(store, Catalog(), new EngineOptions { SnapshotEvery = 5 }), part));
        }
        Assert.Equal(uninterrupted, answers);
        Assert.Contains(uninterrupted, a => a.StartsWith("1 ") || a.StartsWith("2 ") || a.StartsWith("3 "));   // some acts
        Assert.Contains(uninterrupted, a => a.StartsWith("0 "));
    }

    [Fact]
    public async Task Evicted_users_are_restored_and_decide_as_if_never_evicted()
    {
        var steps = Stream(seed: 11, users: 12, steps: 150);
        List<string> resident, evicting;
        await using (var store = new InMemoryUserStateStore())
            resident = await Run(new DecisionEngine(store, Catalog()), steps);
        await using (var store = new InMemoryUserStateStore())
        {
            var engine = new DecisionEngine(store, Catalog(), new EngineOptions { UserCapacity = 4, SnapshotEvery = 3 });
            evicting = await Run(engine, steps);
            Assert.True(engine.UsersInMemory <= 4, $"{engine.UsersInMemory} users resident");
            Assert.True(engine.Evictions > 20, $"{engine.Evictions} evictions");
        }
        Assert.Equal(resident, evicting);
    }

    /// <summary>The users' id windows share the engine's slab: an evicted or forgotten user gives its blocks back, so
    /// the blocks in use follow the resident users, not every user ever seen, and a restored user still recognizes
    /// its retries.</summary>
    [Fact]
    public async Task Evicted_and_forgotten_users_give_their_id_window_blocks_back()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { UserCapacity = 10 });
        var slab = engine.IdSlab!;
        for (int u = 0; u < 100; u++)
            for (int i = 0; i < 6; i++) await engine.IngestAsync("default", $"u{u}", [Feedback($"e{u}-{i}", i)]);   // two blocks each
        Assert.True(engine.Evictions >= 90, $"{engine.Evictions} evictions");
        Assert.Equal(2 * engine.UsersInMemory, slab.Rented);
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u0", [Feedback("e0-5", 5)]));   // restored: a retry
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u99", [Feedback("e99-0", 0)]));
        Assert.Equal(2 * engine.UsersInMemory, slab.Rented);
        await engine.ForgetAsync("default", "u99");
        Assert.Equal(2 * engine.UsersInMemory, slab.Rented);
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u99", [Feedback("e99-1", 1)]));
        Assert.Null(new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = RecentIds.IndexAbove + 1 }).IdSlab);
    }

    [Fact]
    public async Task A_hot_swap_serves_the_new_version_and_keeps_past_decisions()
    {
        await using var store = new InMemoryUserStateStore();
        var catalog = Catalog();
        var engine = new DecisionEngine(store, catalog, new EngineOptions { SnapshotEvery = 2 });
        var old = await engine.DecideAsync("choice", "u", "o1", 1);
        for (int i = 2; i < 6; i++) await engine.DecideAsync("choice", "u", $"o{i}", i);
        catalog.Swap(Choice(rho: 0.2));
        var swapped = await engine.DecideAsync("choice", "u", "o9", 9);
        Assert.NotEqual(old.PolicyVersion, swapped.PolicyVersion);
        Assert.Equal(catalog.Get("choice").Version, swapped.PolicyVersion);
        Assert.Equal(old with { Repeated = true }, await engine.DecideAsync("choice", "u", "o1", 1));
        Assert.Equal(new UserSummary(6, 9.0), await engine.UserAsync("choice", "u"));
    }

    [Fact]
    public async Task The_decision_log_follows_each_decided_opportunity_with_an_action_row_and_its_propensity()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        await engine.IngestAsync("choice", "u", [new IncomingEvent("f", 0.5, EventKind.Feedback, 1, 2.5)]);
        var decisions = new List<OpportunityResult>();
        for (int i = 0; i < 20; i++) decisions.Add(await engine.DecideAsync("choice", "u", $"o{i}", 1 + i));
        var rows = DecisionLog.Rows(store.ReadAll("choice")).ToList();
        Assert.Equal(41, rows.Count);
        Assert.Equal(new DecisionLog.Row("u", 0.5, EventKind.Feedback, 1, 2.5, null), rows[0]);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(EventKind.Opportunity, rows[1 + 2 * i].Kind);
            Assert.Equal(new DecisionLog.Row("u", 1 + i, EventKind.Action, decisions[i].Action, null, decisions[i].Propensity), rows[2 + 2 * i]);
            // random-choice(ρ = 0.6) over 3 marks: none has probability 0.4, each act 0.2.
            Assert.Equal(decisions[i].Action == 0 ? 0.4 : 0.2, decisions[i].Propensity, 12);
        }
        var text = new StringWriter();
        DecisionLog.Write(text, rows, csv: true);
        Assert.StartsWith("user,time,kind,mark,value,propensity\nu,0.5,feedback,1,2.5,\nu,1,opportunity,0,,\n", text.ToString());
    }
}
