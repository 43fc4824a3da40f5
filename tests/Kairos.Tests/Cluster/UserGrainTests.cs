using Kairos.Orleans;
using Kairos.PointProcesses;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Kairos.Tests.Cluster;

/// <summary>Every grain method on a 3-silo in-process cluster, against a single-node engine with the same seed: the
/// grains answer exactly what the single node answers, faults come back as the single node's exceptions, and every
/// message type round-trips through the Orleans serializer.</summary>
public sealed class UserGrainTests(TestClusterFixture fixture) : IClassFixture<TestClusterFixture>
{
    private static IncomingEvent Feedback(string id, double time) => new(id, time, EventKind.Feedback, 0, 1.0);

    private static DecisionEngine SingleNode() =>
        new(new InMemoryUserStateStore(), new PolicyCatalog([TestClusterFixture.Policy(), TestClusterFixture.ChoicePolicy()]), TestClusterFixture.Engine);

    /// <summary>Runs <paramref name="body"/> with the silos' clock at user time <paramref name="userTime"/>.</summary>
    private async Task<T> At<T>(double userTime, Func<Task<T>> body)
    {
        fixture.Clock.Offset = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Ceiling(userTime * fixture.Options.TimeUnitSeconds * 1000)) - DateTimeOffset.UtcNow;
        try { return await body(); }
        finally { fixture.Clock.Offset = TimeSpan.Zero; }
    }

    [Fact]
    public async Task A_plan_found_beyond_the_lateness_bound_is_skipped_once_and_replanned_as_on_a_single_node_never_emitted()
    {
        var s = fixture.Service;
        await s.IngestAsync("default", "stale", [Feedback("f", 0.5)]);
        var planned = await s.NextActionAsync("default", "stale");
        var grain = fixture.Cluster.Client.GetGrain<IUserGrain>(UserGrainKey.Of("default", "stale"));
        Assert.False(await At(planned.Time!.Value + 5e-7, grain.EmitDue));   // 5,000 s late: a silo's users failed over late
        Assert.False(await At(planned.Time!.Value + 5e-7, grain.EmitDue));   // the reminder as well: nothing more

        var skipped = Assert.Single(((IUserStateStore)fixture.Store).ReadUser("default", "stale"), r => r.Id == EmittedAction.IdFor(planned.Time!.Value));
        Assert.True(SkippedAction.Is(skipped));
        Assert.DoesNotContain(await fixture.Store.ReadOutboxAsync(0, 10_000), o => o.User == "stale");
        var after = await s.NextActionAsync("default", "stale");
        Assert.True(after.Time > skipped.Time, "re-planned from the time of the skip");
        var single = SingleNode();   // the single node's engine, skipping at the same time, plans the same
        await single.IngestAsync("default", "stale", [Feedback("f", 0.5)]);
        Assert.Null(await single.EmitDueAsync("default", "stale", skipped.Time));
        Assert.Equal(await single.NextActionAsync("default", "stale"), after);

        Assert.True(await At(after.Time!.Value, grain.EmitDue));   // the re-plan leaves on time
        var row = Assert.Single(await fixture.Store.ReadOutboxAsync(0, 10_000), o => o.User == "stale");
        Assert.Equal(EmittedAction.IdFor(after.Time!.Value), row.ActionId);
    }

    [Fact]
    public async Task A_plan_late_within_the_bound_is_emitted_once_when_it_leaves()
    {
        var s = fixture.Service;
        await s.IngestAsync("default", "late", [Feedback("f", 0.5)]);
        var planned = await s.NextActionAsync("default", "late");
        var grain = fixture.Cluster.Client.GetGrain<IUserGrain>(UserGrainKey.Of("default", "late"));
        double now = planned.Time!.Value + 5e-8;   // 500 s late: a catch-up
        Assert.True(await At(now, grain.EmitDue));
        Assert.False(await At(now, grain.EmitDue));
        var row = Assert.Single(await fixture.Store.ReadOutboxAsync(0, 10_000), o => o.User == "late");
        Assert.Equal(EmittedAction.IdFor(planned.Time!.Value), row.ActionId);
        Assert.True(row.Time > planned.Time!.Value + 4e-8, "a catch-up is recorded when it leaves");
        Assert.True((await s.NextActionAsync("default", "late")).Time > row.Time, "the next is planned from then");
    }

    [Fact]
    public async Task An_opportunity_context_vector_reaches_the_engine_as_on_a_single_node()
    {
        var single = SingleNode();
        var expected = await single.DecideAsync("choice", "ctx", "o1", 1.0, [0.25, 4]);
        Assert.Equal(expected, await fixture.Service.DecideAsync("choice", "ctx", "o1", 1.0, [0.25, 4]));
        Assert.Equal(expected with { Repeated = true }, await fixture.Service.DecideAsync("choice", "ctx", "o1", 1.0, [0.25, 4]));
        var conflict = await Assert.ThrowsAsync<IdConflictException>(() => fixture.Service.DecideAsync("choice", "ctx", "o1", 1.0, [0.25, 5]));
        Assert.Equal("context", conflict.Field);
        Assert.Equal([0.25, 4], ((IUserStateStore)fixture.Store).ReadUser("choice", "ctx").Single().Context!);
    }

    [Fact]
    public async Task Every_method_answers_as_the_single_node_engine()
    {
        var cluster = fixture.Service;
        var single = SingleNode();
        foreach (IDecisionService s in new IDecisionService[] { cluster, single })
        {
            Assert.Null(await s.UserAsync("default", "g1"));
            Assert.Null(await s.TimelineAsync("default", "g1"));
        }
        var events = new[] { Feedback("a", 1), Feedback("b", 2.5) };
        Assert.Equal(await single.IngestAsync("default", "g1", events), await cluster.IngestAsync("default", "g1", events));
        Assert.Equal(new IngestResult(0, 2), await cluster.IngestAsync("default", "g1", events));   // a retried batch
        await single.IngestAsync("default", "g1", events);
        Assert.Equal(await single.NextActionAsync("default", "g1"), await cluster.NextActionAsync("default", "g1"));
        Assert.Equal(await single.UserAsync("default", "g1"), await cluster.UserAsync("default", "g1"));

        for (int k = 0; k < 6; k++)
        {
            var expected = await single.DecideAsync("choice", "g1", $"o{k}", 3 + k);
            Assert.Equal(expected, await cluster.DecideAsync("choice", "g1", $"o{k}", 3 + k));
        }
        Assert.Equal((await single.DecideAsync("choice", "g1", "o2", 5)) with { Repeated = true }, await cluster.DecideAsync("choice", "g1", "o2", 5));

        var t = (await cluster.TimelineAsync("default", "g1"))!;
        var u = (await single.TimelineAsync("default", "g1"))!;
        Assert.Equal(u.Records, t.Records);
        Assert.Equal(u.Next, t.Next);
        Assert.Equal(u.Intensity, t.Intensity);
        Assert.Equal((u.Policy, u.User, u.PolicyVersion, u.Events, u.LastTime), (t.Policy, t.User, t.PolicyVersion, t.Events, t.LastTime));
    }

    [Fact]
    public async Task Refusals_come_back_as_the_single_node_exceptions()
    {
        var s = fixture.Service;
        await s.IngestAsync("default", "g2", [Feedback("x", 10)]);
        var order = await Assert.ThrowsAsync<EventOrderException>(() => s.IngestAsync("default", "g2", [Feedback("y", 11), Feedback("late", 9)]));
        Assert.Equal("events[1].time", order.Field);
        var input = await Assert.ThrowsAsync<ServingInputException>(() => s.IngestAsync("default", "g2", [new IncomingEvent("z", 12, EventKind.Action, 7)]));
        Assert.Equal("events[0].mark", input.Field);
        var conflict = await Assert.ThrowsAsync<IdConflictException>(() => s.DecideAsync("default", "g2", "x", 12));
        Assert.Equal("id", conflict.Field);
        var policy = await Assert.ThrowsAsync<UnknownPolicyException>(() => s.NextActionAsync("nope", "g2"));
        Assert.Equal("nope", policy.Name);
        Assert.Equal(new UnknownPolicyException("nope", ["choice", "default"]).Message, policy.Message);
        Assert.Equal(1, (await s.UserAsync("default", "g2"))!.Events);   // nothing refused was applied
    }

    [Fact]
    public async Task A_due_next_action_is_emitted_once_with_its_state_committed_first()
    {
        var s = fixture.Service;
        await s.IngestAsync("default", "g3", [Feedback("f", 0.5)]);
        var planned = await s.NextActionAsync("default", "g3");
        var grain = fixture.Cluster.Client.GetGrain<IUserGrain>(UserGrainKey.Of("default", "g3"));
        Assert.False(await grain.EmitDue());   // not yet due
        fixture.Clock.Offset = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Ceiling(planned.Time!.Value * fixture.Options.TimeUnitSeconds * 1000))
            - DateTimeOffset.UtcNow;
        try { Assert.True(await grain.EmitDue()); }
        finally { fixture.Clock.Offset = TimeSpan.Zero; }
        var records = ((IUserStateStore)fixture.Store).ReadUser("default", "g3").ToArray();
        var action = Assert.Single(records, r => r.Kind == EventKind.Action);
        Assert.Equal((planned.Time!.Value, planned.Mark), (action.Time, action.Mark));
        var after = await s.NextActionAsync("default", "g3");
        Assert.True(after.Time > planned.Time);   // the action was observed: a new one is planned

        var single = SingleNode();   // the same action reported to a single node leads to the same plan
        await single.IngestAsync("default", "g3", [Feedback("f", 0.5), new IncomingEvent(action.Id, action.Time, EventKind.Action, action.Mark)]);
        Assert.Equal(await single.NextActionAsync("default", "g3"), after);
        Assert.Contains(fixture.Cluster.Silos.SelectMany(silo => silo.ServiceProvider.GetRequiredService<ActionOutbox>().Latest),
            a => a.User == "g3" && a.ActionId == action.Id);
        var row = Assert.Single(await fixture.Store.ReadOutboxAsync(0, 10_000), o => o.User == "g3");   // committed with the record
        Assert.Equal((action.Id, action.Time, action.Mark), (row.ActionId, row.Time, row.Mark));
    }

    [Fact]
    public async Task A_call_past_the_request_timeout_is_unavailable_not_an_error()
    {
        var hurried = new OrleansDecisionService(fixture.Cluster.Client, fixture.Options with { RequestTimeout = TimeSpan.FromTicks(1) });
        var e = await Assert.ThrowsAsync<ServingUnavailableException>(() => hurried.IngestAsync("default", "g4", [Feedback("t", 1)]));
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.True(OrleansDecisionService.IsUnavailable(new global::Orleans.Runtime.SiloUnavailableException(), CancellationToken.None));
        Assert.False(OrleansDecisionService.IsUnavailable(new InvalidOperationException(), CancellationToken.None));
    }

    public static TheoryData<object> Messages() => new()
    {
        GrainEvent.From(new IncomingEvent("e", 1.5, EventKind.Opportunity, 2, 0.25)),
        new GrainFault { Kind = "policy", Field = "p", Message = "m", KnownPolicies = ["a", "b"] },
        new IngestReply { Applied = 3, Duplicates = 1, Fault = new GrainFault { Kind = "order", Field = "events[1].time", Message = "late" } },
        new DecideReply { Action = 2, Propensity = 0.2, PolicyVersion = "v", Repeated = true },
        new NextActionReply { Time = 4.5, Mark = 1, PolicyVersion = "v" },
        new UserReply { Found = true, Events = 9, LastTime = 3 },
        new TimelineReply
        {
            Found = true, Policy = "p", User = "u", PolicyVersion = "v", Events = 2, LastTime = 1,
            Records = [GrainRecord.From(new StoredRecord(1, "o", 1, EventKind.Opportunity, 1, null, 0.4, "v"))],
            NextTime = 2, NextMark = 1, CurveTimes = [1, 2], CurveValues = [0.5, 0.5],
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_through_the_Orleans_serializer(object message)
    {
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        object copy = serializer.Deserialize<object>(serializer.SerializeToArray(message))!;
        Assert.IsType(message.GetType(), copy);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message, message.GetType()), System.Text.Json.JsonSerializer.Serialize(copy, copy.GetType()));
    }
}
