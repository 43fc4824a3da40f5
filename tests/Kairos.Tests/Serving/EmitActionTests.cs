using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>The engine's side of the relay: a due planned action is emitted once, its record, state and outbox row
/// committed together; a plan not yet due, or already emitted, emits nothing; a restored user plans the same.</summary>
public class EmitActionTests
{
    private static IncomingEvent Feedback(string id, double t) => new(id, t, EventKind.Feedback, 0, 1.0);

    [Fact]
    public async Task A_due_action_is_emitted_once_with_its_record_state_and_outbox_row()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        var planned = new List<(string, string, double)>();
        engine.ActionPlanned += (p, u, t) => { lock (planned) planned.Add((p, u, t)); };
        await engine.IngestAsync("default", "u", [Feedback("a", 10)]);
        var next = await engine.NextActionAsync("default", "u");
        double due = next.Time!.Value;
        Assert.Equal(("default", "u", due), Assert.Single(planned));

        Assert.Null(await engine.EmitDueAsync("default", "u", Math.BitDecrement(due)));   // not yet due
        Assert.Empty(await store.ReadOutboxAsync(0, 10));
        var action = await engine.EmitDueAsync("default", "u", due);
        Assert.Equal(new EmittedAction("default", "u", EmittedAction.IdFor(due), due, next.Mark), action);
        var row = Assert.Single(await store.ReadOutboxAsync(0, 10));
        Assert.Equal((action!.ActionId, action.Time, action.Mark, "default/u/" + action.ActionId), (row.ActionId, row.Time, row.Mark, row.Id));
        var record = store.ReadAll("default").Last().Record;
        Assert.Equal((EventKind.Action, action.ActionId, due, next.Mark), (record.Kind, record.Id, record.Time, record.Mark));

        var after = await engine.NextActionAsync("default", "u");
        Assert.True(after.Time > due);   // the action was observed: a new plan
        Assert.Equal(after.Time, planned[^1].Item3);
        Assert.Null(await engine.EmitDueAsync("default", "u", due));   // the same timer firing again emits nothing

        var restored = new DecisionEngine(store, Catalog());   // a restart plans exactly the same next action
        Assert.Equal(after, await restored.NextActionAsync("default", "u"));
        Assert.Null(await restored.EmitDueAsync("default", "u", due));
        Assert.Single(await store.ReadOutboxAsync(0, 10));
    }

    [Fact]
    public async Task A_timer_on_time_emits_at_the_planned_time_a_late_one_when_it_fires_and_a_user_without_events_emits_nothing()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        await engine.IngestAsync("default", "v", [Feedback("a", 10)]);
        double due = (await engine.NextActionAsync("default", "v")).Time!.Value;
        Assert.Null(await engine.EmitDueAsync("default", "nobody", 1e12));   // a user without events plans nothing
        Assert.Empty(await store.ReadOutboxAsync(0, 10));
        var action = await engine.EmitDueAsync("default", "v", due + 0.5);   // within EngineOptions.OnTime: no jitter in the history
        Assert.Equal(due, action!.Time);
        Assert.Equal(EmittedAction.IdFor(due), action.ActionId);
        double next = (await engine.NextActionAsync("default", "v")).Time!.Value;
        var late = await engine.EmitDueAsync("default", "v", next + 100);   // a catch-up: recorded when it leaves
        Assert.Equal((next + 100, EmittedAction.IdFor(next)), (late!.Time, late.ActionId));
    }
}
