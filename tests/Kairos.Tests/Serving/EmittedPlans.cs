using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>Checks of a store after `--emit-actions`, shared by the single-node and cluster crash tests.</summary>
internal static class EmittedPlans
{
    /// <summary>Every outbox row is exactly one action record of its user's history and vice versa (committed together);
    /// outbox ids are unique; every action record, and every skipped one, was the plan its user's state held at that point.</summary>
    public static async Task<IReadOnlyList<OutboxEntry>> AssertEmittedOnceAsPlanned(string store, string policyFile, ulong seed)
    {
        await using var s = UserStores.Open(store);
        return await AssertEmittedOnceAsPlanned(s, policyFile, seed);
    }

    public static async Task<IReadOnlyList<OutboxEntry>> AssertEmittedOnceAsPlanned(IUserStateStore store, string policyFile, ulong seed)
    {
        var outbox = await store.ReadOutboxAsync(0, 1_000_000);
        var stored = store.ReadAll(PolicyCatalog.DefaultName).ToList();
        Assert.Equal(outbox.Count, outbox.Select(a => a.Id).Distinct().Count());
        var actionRecords = stored.Where(r => r.Record.Kind == EventKind.Action)
            .Select(r => $"{r.User}/{r.Record.Id}@{r.Record.Time:R}/{r.Record.Mark}").Order().ToArray();
        Assert.Equal(actionRecords, outbox.Select(a => $"{a.User}/{a.ActionId}@{a.Time:R}/{a.Mark}").Order().ToArray());
        Assert.All(stored.GroupBy(r => r.User), user => AssertEachActionWasThePlan(policyFile, seed, user.Key, user.Select(r => r.Record).ToArray()));
        return outbox;
    }

    /// <summary>Replays the user's stored history on a fresh engine with the same policy and seed: before each action
    /// or skipped record, the planned next action is exactly that action (its id names the planned time, its mark the
    /// planned mark); a skip is replayed by skipping at its time (the engine re-plans from there).</summary>
    private static void AssertEachActionWasThePlan(string policyFile, ulong seed, string user, StoredRecord[] records)
    {
        var engine = new DecisionEngine(new InMemoryUserStateStore(), new PolicyCatalog([PolicyFiles.Load(policyFile, PolicyCatalog.DefaultName, seed)]),
            new EngineOptions { MaxLateness = 0 });
        foreach (var r in records.OrderBy(r => r.Seq))
        {
            if (r.Kind == EventKind.Action || SkippedAction.Is(r))
            {
                var plan = engine.NextActionAsync(PolicyCatalog.DefaultName, user).GetAwaiter().GetResult();
                Assert.Equal((EmittedAction.IdFor(plan.Time!.Value), plan.Mark), (r.Id!, r.Mark));
            }
            if (SkippedAction.Is(r))
                Assert.Null(engine.EmitDueAsync(PolicyCatalog.DefaultName, user, r.Time).GetAwaiter().GetResult());
            else
                engine.IngestAsync(PolicyCatalog.DefaultName, user, [new IncomingEvent(r.Id, r.Time, r.Kind, r.Mark, r.Value)]).GetAwaiter().GetResult();
        }
    }
}
