using Kairos.Decisions;
using Kairos.Policies;
using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>The user's clock, feedback and context vectors, the id window and retries with different content.</summary>
public class EngineContractTests
{
    private static IncomingEvent Feedback(string id, double t, double value = 1.0) => new(id, t, EventKind.Feedback, 0, value);

    [Fact]
    public async Task A_users_clock_starts_at_the_first_event_and_survives_a_restore()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        Assert.Null((await engine.NextActionAsync("default", "u")).Time);   // no clock before the first event
        await engine.IngestAsync("default", "u", [Feedback("a", 1_000_000)]);
        var next = await engine.NextActionAsync("default", "u");
        // Uniform at rate 0.7 draws its first action after its origin: the first event, not time 0.
        Assert.InRange(next.Time!.Value, 1_000_000, 1_000_100);
        Assert.Equal(next, await new DecisionEngine(store, Catalog()).NextActionAsync("default", "u"));
        var decided = await new DecisionEngine(store, Catalog()).DecideAsync("default", "v", "o", 2_000_000);
        Assert.Equal(0, decided.Action);   // the opportunity starts v's clock: nothing is due yet
    }

    /// <summary>A small TPPRL policy (2 marks, 2 feedback features) whose every input matters.</summary>
    internal static ServedPolicy Tpprl()
    {
        var init = NeuralTppPolicy.Initialize(new PolicyContext(2, 2), new Random(3), hidden: 4, feedbackSources: 1);
        var theta = init.Parameters.ToArray();
        var rng = new Random(4);
        for (int i = 0; i < theta.Length; i++) theta[i] += 0.5 * (2 * rng.NextDouble() - 1);   // every input matters
        return new ServedPolicy("tpprl", new NeuralTppPolicy(init.Layout, theta), new PolicyContext(2, 2), Seed, init.Layout.FeedbackSources);
    }

    private static async Task<(NextActionResult Next, DecisionEngine Engine, IUserStateStore Store)> AfterFeedback(double[]? vector, double value)
    {
        var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, new PolicyCatalog([Tpprl()]));
        await engine.IngestAsync("tpprl", "u", [new IncomingEvent("f", 10, EventKind.Feedback, 0, value, vector)]);
        return (await engine.NextActionAsync("tpprl", "u"), engine, store);
    }

    [Fact]
    public async Task Feedback_vectors_reach_the_policy_and_are_replayed_from_the_store()
    {
        var (byValue, _, s1) = await AfterFeedback(null, 0.9);
        var (sameVector, _, s2) = await AfterFeedback([0.9, 0], 0.9);
        var (otherVector, _, s3) = await AfterFeedback([0.9, -0.8], 0.9);
        Assert.Equal(byValue, sameVector);        // without a vector, the value is entry 0
        Assert.NotEqual(byValue, otherVector);    // entry 1 reaches the policy
        var restored = new DecisionEngine(s3, new PolicyCatalog([Tpprl()]));
        Assert.Equal(otherVector, await restored.NextActionAsync("tpprl", "u"));   // replayed with the stored vector
        var e = await Assert.ThrowsAsync<ServingInputException>(() => restored.IngestAsync("tpprl", "u",
            [new IncomingEvent("g", 11, EventKind.Feedback, 0, 1, [1, 2, 3])]));
        Assert.Equal("events[0].feedback", e.Field);
        foreach (var s in new[] { s1, s2, s3 }) await s.DisposeAsync();
    }

    [Fact]
    public async Task Context_vectors_are_stored_with_the_decision_and_a_retry_must_repeat_them()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        var first = await engine.DecideAsync("choice", "u", "o1", 1.0, [0.25, 4]);
        Assert.Equal(first with { Repeated = true }, await engine.DecideAsync("choice", "u", "o1", 1.0, [0.25, 4]));
        var conflict = await Assert.ThrowsAsync<IdConflictException>(() => engine.DecideAsync("choice", "u", "o1", 1.0, [0.25, 5]));
        Assert.Equal("context", conflict.Field);
        conflict = await Assert.ThrowsAsync<IdConflictException>(() => engine.DecideAsync("choice", "u", "o1", 2.0, [0.25, 4]));
        Assert.Equal("time", conflict.Field);
        await engine.IngestAsync("choice", "u", [new IncomingEvent("f", 2, EventKind.Feedback, 0, 1, null, [7.5])]);
        var stored = store.ReadAll("choice").Select(r => r.Record).ToArray();
        Assert.Equal([0.25, 4], stored[0].Context!);
        Assert.Equal([7.5], stored[1].Context!);
        Assert.Equal(2, stored.Length);
    }

    [Fact]
    public async Task A_retried_id_with_different_content_is_a_conflict_and_changes_nothing()
    {
        await using var store = new InMemoryUserStateStore();
        var engine = new DecisionEngine(store, Catalog());
        await engine.IngestAsync("default", "u", [Feedback("e1", 1.5, 1.0)]);
        var before = await engine.NextActionAsync("default", "u");
        foreach (var changed in new[] { Feedback("e1", 1.5, 2.0), Feedback("e1", 1.75, 1.0), new IncomingEvent("e1", 1.5, EventKind.Action, 0, 1.0) })
        {
            var e = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("e2", 2), changed]));
            Assert.Equal("events[1].id", e.Field);
            Assert.Contains("different event", e.Message);
            Assert.Equal(before, await engine.NextActionAsync("default", "u"));
        }
        var inBatch = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("x", 3, 1), Feedback("x", 3, 2)]));
        Assert.Equal("events[1].id", inBatch.Field);
        Assert.Equal(new IngestResult(1, 2), await engine.IngestAsync("default", "u", [Feedback("e1", 1.5, 1.0), Feedback("y", 4), Feedback("y", 4)]));
        Assert.Equal(2, store.ReadAll("default").Count());
    }

    [Fact]
    public async Task Ids_beyond_the_window_are_recognized_through_the_store()
    {
        await using var store = new InMemoryUserStateStore();
        var options = new EngineOptions { IdWindow = 3 };
        var engine = new DecisionEngine(store, Catalog(), options);
        for (int i = 1; i <= 5; i++) await engine.IngestAsync("default", "u", [Feedback($"e{i}", i)]);
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("e3", 3)]));   // in the window
        Assert.Equal(new IngestResult(0, 1), await engine.IngestAsync("default", "u", [Feedback("e2", 2)]));   // beyond it: from the store
        var old = await Assert.ThrowsAsync<EventOrderException>(() => engine.IngestAsync("default", "u", [Feedback("x", 2)]));
        Assert.Contains("'x' is not stored for this user", old.Message);
        var restored = new DecisionEngine(store, Catalog(), options);   // the store's load honours the window too
        Assert.Equal(new IngestResult(0, 1), await restored.IngestAsync("default", "u", [Feedback("e4", 4)]));
        Assert.Equal(new IngestResult(0, 1), await restored.IngestAsync("default", "u", [Feedback("e1", 1)]));
        Assert.Equal(5, store.ReadAll("default").Count());
    }
}
