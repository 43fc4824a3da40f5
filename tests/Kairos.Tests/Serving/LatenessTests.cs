using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>
/// The engine's lateness rules (`--max-lateness`), in memory, on SQLite and on PostgreSQL: a due plan within the bound is emitted
/// once, at the time it leaves when it is a catch-up; beyond the bound it is stored as skipped under its own id,
/// never emitted (not by a second firing, nor by a restored engine) but listed in the outbox's skipped feed, and the next action is re-planned from the
/// time of the skip, bit for bit the same after a restore (from the replay or from a snapshot).
/// </summary>
public class LatenessTests
{
    private const double Bound = 60;

    /// <summary>Memory and every durable store (<see cref="TestStores.Durable"/>: SQLite, and PostgreSQL when available
    /// or in CI), each with a snapshot at every record and every 64.</summary>
    public static TheoryData<string, int> Stores
    {
        get
        {
            var data = new TheoryData<string, int> { { "memory", 64 }, { "memory", 1 } };
            foreach (string kind in TestStores.Durable)
            {
                data.Add(kind, 64);
                data.Add(kind, 1);
            }
            return data;
        }
    }

    private static IUserStateStore Open(string kind) => kind == "memory" ? new InMemoryUserStateStore() : UserStores.Open(TestStores.NewSpec(kind));

    private static DecisionEngine Engine(IUserStateStore store, int snapshotEvery) =>
        new(store, Catalog(), new EngineOptions { MaxLateness = Bound, SnapshotEvery = snapshotEvery });

    private static IncomingEvent Feedback(string id, double t) => new(id, t, EventKind.Feedback, 0, 1.0);

    [Theory, MemberData(nameof(Stores))]
    public async Task A_catch_up_within_the_bound_is_emitted_once_when_it_leaves_and_the_next_is_planned_from_then(string kind, int snapshotEvery)
    {
        await using var store = Open(kind);
        var engine = Engine(store, snapshotEvery);
        await engine.IngestAsync("default", "u", [Feedback("a", 10)]);
        var plan = await engine.NextActionAsync("default", "u");
        double due = plan.Time!.Value, now = due + Bound - 1;
        Assert.Equal(Lateness.CatchUp, engine.Classify(due, now));

        var action = await engine.EmitDueAsync("default", "u", now);
        Assert.Equal(new EmittedAction("default", "u", EmittedAction.IdFor(due), now, plan.Mark), action);
        Assert.Null(await engine.EmitDueAsync("default", "u", now));   // a second firing
        var after = await engine.NextActionAsync("default", "u");
        Assert.True(after.Time > now, "the next action is planned from when the late one left, not from its planned time");
        var restored = Engine(store, snapshotEvery);
        Assert.Equal(after, await restored.NextActionAsync("default", "u"));
        Assert.Null(await restored.EmitDueAsync("default", "u", now));

        var row = Assert.Single(await store.ReadOutboxAsync(0, 10));
        Assert.Equal((action!.ActionId, now), (row.ActionId, row.Time));
        var record = store.ReadUser("default", "u").Last();
        Assert.Equal((EventKind.Action, action.ActionId, now), (record.Kind, record.Id, record.Time));
        Assert.Equal((1L, 0L), (engine.ActionsEmitted, engine.ActionsSkippedLate));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Beyond_the_bound_a_plan_is_skipped_once_replanned_from_now_and_never_emitted(string kind, int snapshotEvery)
    {
        await using var store = Open(kind);
        var engine = Engine(store, snapshotEvery);
        await engine.IngestAsync("default", "u", [Feedback("a", 10)]);
        var plan = await engine.NextActionAsync("default", "u");
        double due = plan.Time!.Value, now = due + Bound + 1;
        string id = EmittedAction.IdFor(due);
        Assert.Equal(Lateness.TooLate, engine.Classify(due, now));

        Assert.Null(await engine.EmitDueAsync("default", "u", now));
        Assert.Empty(await store.ReadOutboxAsync(0, 10));
        var feed = Assert.Single(await store.ReadOutboxAsync(0, 10, includeSkipped: true));   // the skipped-actions feed
        Assert.Equal((id, now, plan.Mark, true, (double?)due), (feed.ActionId, feed.Time, feed.Mark, feed.Skipped, feed.PlannedTime));
        Assert.Equal((0L, 1L), (engine.ActionsEmitted, engine.ActionsSkippedLate));
        var skipped = store.ReadUser("default", "u").Last();
        Assert.True(SkippedAction.Is(skipped));
        Assert.Equal((id, now, due, plan.Mark), (skipped.Id, skipped.Time, skipped.Value, skipped.Mark));

        var after = await engine.NextActionAsync("default", "u");
        Assert.Equal(Expected(now), after);
        Assert.True(after.Time > now);
        Assert.Null(await engine.EmitDueAsync("default", "u", now));   // the same timer again: nothing
        Assert.Equal(1L, engine.ActionsSkippedLate);

        var restored = Engine(store, snapshotEvery);   // the replay (or the snapshot taken with the skip) re-plans the same
        Assert.Equal(after, await restored.NextActionAsync("default", "u"));
        var next = await restored.EmitDueAsync("default", "u", after.Time!.Value);   // the re-plan leaves on time
        Assert.Equal(EmittedAction.IdFor(after.Time!.Value), next!.ActionId);
        Assert.Equal([next.ActionId], (await store.ReadOutboxAsync(0, 10)).Select(r => r.ActionId));   // never the skipped one
        Assert.Equal([(id, true), (next.ActionId, false)], (await store.ReadOutboxAsync(0, 10, includeSkipped: true)).Select(r => (r.ActionId, r.Skipped)));
        Assert.Single(store.ReadUser("default", "u"), r => r.Id == id);
        Assert.Equal(["feedback", "action"], DecisionLog.Rows(store.ReadAll("default")).Select(r => Kairos.Data.EventKindNames.Name(r.Kind)));
    }

    [Fact]
    public async Task A_client_cannot_forge_a_skip_and_a_policy_swap_replays_one()
    {
        await using IUserStateStore store = new InMemoryUserStateStore();
        var engine = Engine(store, 64);
        await engine.IngestAsync("default", "w", [Feedback("a", 10), new IncomingEvent("o", 11, EventKind.Opportunity)]);
        Assert.DoesNotContain(store.ReadUser("default", "w"), r => SkippedAction.Is(r));   // a reported opportunity has no version
        double due = (await engine.NextActionAsync("default", "w")).Time!.Value;
        await engine.EmitDueAsync("default", "w", due + 2 * Bound);
        var after = await engine.NextActionAsync("default", "w");

        var swapped = new DecisionEngine(store, new PolicyCatalog([Uniform(rate: 0.7000001), Choice()]), new EngineOptions { MaxLateness = Bound });
        var plan = await swapped.NextActionAsync("default", "w");   // rebuilt from the whole history under another version
        Assert.True(plan.Time > due + 2 * Bound, "the other version re-plans at the skip too");
        Assert.NotEqual(after.PolicyVersion, plan.PolicyVersion);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1)]
    public async Task A_tpprl_user_skips_and_replans_from_now_and_restores_the_same(int snapshotEvery)
    {
        await using IUserStateStore store = new InMemoryUserStateStore();
        var options = new EngineOptions { MaxLateness = Bound, SnapshotEvery = snapshotEvery };
        var engine = new DecisionEngine(store, new PolicyCatalog([EngineContractTests.Tpprl()]), options);
        await engine.IngestAsync("tpprl", "u", [new IncomingEvent("f", 10, EventKind.Feedback, 0, 0.5, [0.5, -0.3])]);
        double due = (await engine.NextActionAsync("tpprl", "u")).Time!.Value, now = due + Bound + 1;
        Assert.Null(await engine.EmitDueAsync("tpprl", "u", now));
        var after = await engine.NextActionAsync("tpprl", "u");
        Assert.True(after.Time is null || after.Time > now, "re-planned from the skip");
        Assert.Equal(after, await new DecisionEngine(store, new PolicyCatalog([EngineContractTests.Tpprl()]), options).NextActionAsync("tpprl", "u"));
        double feedback = now + Math.Min(0.01, ((after.Time ?? now + 1) - now) / 2);   // before the re-plan: it refines it
        await engine.IngestAsync("tpprl", "u", [new IncomingEvent("g", feedback, EventKind.Feedback, 0, 1.0, [1.0, 0.2])]);
        Assert.Equal(await engine.NextActionAsync("tpprl", "u"),
            await new DecisionEngine(store, new PolicyCatalog([EngineContractTests.Tpprl()]), options).NextActionAsync("tpprl", "u"));
    }

    [Fact]
    public async Task A_tpprl_user_takes_feedback_after_an_overdue_plan_that_was_never_emitted()
    {
        await using IUserStateStore store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, new PolicyCatalog([EngineContractTests.Tpprl()]));
        await engine.IngestAsync("tpprl", "u", [new IncomingEvent("f", 10, EventKind.Feedback, 0, 0.5, [0.5, -0.3])]);
        double due = (await engine.NextActionAsync("tpprl", "u")).Time!.Value;
        await engine.IngestAsync("tpprl", "u", [new IncomingEvent("g", due + 5, EventKind.Feedback, 0, 1.0, [1.0, 0.2])]);
        var next = await engine.NextActionAsync("tpprl", "u");
        Assert.True(next.Time is null || next.Time >= due + 5);
        Assert.Equal(next, await new DecisionEngine(store, new PolicyCatalog([EngineContractTests.Tpprl()])).NextActionAsync("tpprl", "u"));
    }

    /// <summary>The uniform policy's plan after the feedback at 10 and a re-plan at <paramref name="now"/>: the next
    /// draws of the user's counter-based stream, from now.</summary>
    private static NextActionResult Expected(double now)
    {
        var served = Uniform();
        var state = served.CreateState("u", 10);
        state.Observe(new Event(10, EventKind.Feedback, 0, 1.0, "a"), served.Feedback(new StoredRecord(1, "a", 10, EventKind.Feedback, 0, 1.0)));
        ((IReplannableState)state).Replan(now);
        return new NextActionResult(state.Next.Time, state.Next.Mark, served.Version);
    }
}
