using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>The <see cref="IUserStateStore"/> contract, the same for every store: what is committed loads back bit
/// for bit (vectors included), snapshots of another version are ignored, the id window limits the identified records,
/// and the first and last times are the user's.</summary>
public class UserStateStoreTests
{
    public static TheoryData<string> Stores
    {
        get
        {
            var data = new TheoryData<string> { "memory" };
            foreach (string kind in TestStores.Durable) data.Add(kind);
            return data;
        }
    }

    private static IUserStateStore Open(string kind) => UserStores.Open(kind == "memory" ? "memory" : TestStores.NewSpec(kind));

    [Theory, MemberData(nameof(Stores))]
    public async Task Committed_records_and_snapshots_load_back_exactly(string kind)
    {
        await using var store = Open(kind);
        double[] feedback = [0.1, -2.5e-300, double.Epsilon], context = [1.0 / 3];
        var records = Enumerable.Range(1, 10).Select(i => new StoredRecord(i, i % 2 == 0 ? $"id{i}" : null, 100 + i * 0.1,
            i % 3 == 0 ? EventKind.Opportunity : EventKind.Feedback, i % 3, i % 3 == 0 ? null : i, i % 3 == 0 ? 0.25 : null,
            i % 3 == 0 ? "v1" : null, i == 4 ? feedback : null, i == 6 ? context : null)).ToArray();
        await Task.WhenAll(
            store.CommitAsync(new UserWrite("p", "u", records[..6], new StoredSnapshot(6, "v1", [1, 2, 3]))),
            store.CommitAsync(new UserWrite("p", "other", [records[0]], null)));
        await store.CommitAsync(new UserWrite("p", "u", records[6..], null));

        var h = await store.LoadAsync("p", "u", "v1", idWindow: 5);
        Assert.Equal([1, 2, 3], h.Snapshot!.State);
        Assert.Equal(6, h.Snapshot.Seq);
        Assert.Equal(records[6..].Select(Text), h.Records.Select(Text));
        Assert.Equal(["id6", "id8", "id10"], h.IdentifiedRecords.Select(r => r.Id!).OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal));
        Assert.Equal((10L, 101.0, 100.1), (h.Count, h.LastTime!.Value, h.FirstTime!.Value));

        var all = await store.LoadAsync("p", "u", "v2");
        Assert.Null(all.Snapshot);
        Assert.Equal(records.Select(Text), all.Records.Select(Text));
        Assert.Equal(5, all.IdentifiedRecords.Count);
        Assert.Equal(feedback, all.Records[3].Feedback);
        Assert.Equal(context, all.Records[5].Context);
        var nobody = await store.LoadAsync("p", "nobody", "v1");
        Assert.Equal((0L, null, null, null, 0, 0), (nobody.Count, nobody.LastTime, nobody.FirstTime, nobody.Snapshot, nobody.Records.Count, nobody.IdentifiedRecords.Count));
        Assert.Equal(["other", "u"], store.ReadAll("p").Select(r => r.User).Distinct());
        Assert.Equal(11, store.ReadAll("p").Count());
        Assert.Equal(["other", "u"], store.Users("p"));
        Assert.Empty(store.Users("q"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Emitted_actions_enter_the_outbox_with_their_record_in_commit_order(string kind)
    {
        await using var store = Open(kind);
        static StoredRecord Action(long seq, double t) => new(seq, EmittedAction.IdFor(t), t, EventKind.Action, 1, null);
        await store.CommitAsync(new UserWrite("p", "a/b", [Action(1, 1.5)], null) { Emitted = Action(1, 1.5) });
        await store.CommitAsync(new UserWrite("p", "c", [new StoredRecord(1, "f", 2, EventKind.Feedback, 0, 1.0)], null));   // no outbox row
        await Task.WhenAll(Enumerable.Range(0, 8).Select(u =>
            store.CommitAsync(new UserWrite("q", $"u{u}", [Action(1, 3 + u)], null) { Emitted = Action(1, 3 + u) })));

        var all = await store.ReadOutboxAsync(0, 100);
        Assert.Equal(9, all.Count);
        Assert.Equal(all.OrderBy(e => e.Cursor).Select(e => e.Cursor), all.Select(e => e.Cursor));
        Assert.Equal(all.Count, all.Select(e => e.Cursor).Distinct().Count());
        Assert.Equal(("p", "a/b", "action@1.5", 1.5, 1), (all[0].Policy, all[0].User, all[0].ActionId, all[0].Time, all[0].Mark));
        Assert.Equal("p/a%2Fb/action@1.5", all[0].Id);
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(all.Skip(2).Take(3), await store.ReadOutboxAsync(all[1].Cursor, 3));   // paging from a cursor
        Assert.Equal(all.Reverse().Take(4), await store.ReadOutboxAsync(0, 4, newest: true));
        Assert.Empty(await store.ReadOutboxAsync(all[^1].Cursor, 100));
        Assert.Equal(all, await store.ReadOutboxAsync(0, 100));   // reading is idempotent
        Assert.Equal(10, store.ReadAll("q").Count() + store.ReadAll("p").Count());
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Skipped_actions_share_the_outbox_cursors_and_are_read_only_when_asked_for(string kind)
    {
        await using var store = Open(kind);
        static StoredRecord Action(long seq, double t) => new(seq, EmittedAction.IdFor(t), t, EventKind.Action, 1, null);
        static StoredRecord Skip(long seq, double planned) => SkippedAction.Record(seq, planned + 900, new(planned, 2), "v1");
        await store.CommitAsync(new UserWrite("p", "a", [Action(1, 1.5)], null) { Emitted = Action(1, 1.5) });
        await store.CommitAsync(new UserWrite("p", "b", [Skip(1, 2.25)], null) { Skipped = Skip(1, 2.25) });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(u => u % 2 == 0
            ? store.CommitAsync(new UserWrite("q", $"u{u}", [Action(1, 3 + u)], null) { Emitted = Action(1, 3 + u) })
            : store.CommitAsync(new UserWrite("q", $"u{u}", [Skip(1, 3 + u)], null) { Skipped = Skip(1, 3 + u) })));

        var all = await store.ReadOutboxAsync(0, 100, includeSkipped: true);
        Assert.Equal(10, all.Count);
        Assert.Equal(all.Select(e => e.Cursor).Order(), all.Select(e => e.Cursor));
        Assert.Equal(all.Count, all.Select(e => e.Cursor).Distinct().Count());
        Assert.Equal(("b", "action@2.25", 902.25, 2, true, 2.25), (all[1].User, all[1].ActionId, all[1].Time, all[1].Mark, all[1].Skipped, all[1].PlannedTime));
        Assert.Equal((false, 1.5), (all[0].Skipped, all[0].PlannedTime));
        Assert.Equal(5, all.Count(e => e.Skipped));
        Assert.All(all, e => Assert.Equal(e.Skipped, e.User == "b" || e.User is "u1" or "u3" or "u5" or "u7"));

        var emitted = await store.ReadOutboxAsync(0, 100);   // consumers of emitted actions never see a skip
        Assert.Equal(all.Where(e => !e.Skipped), emitted);
        Assert.Equal(all.Where(e => !e.Skipped).Skip(1).Take(2), await store.ReadOutboxAsync(all[1].Cursor, 2));   // paging past a skip
        Assert.Equal(all.Skip(2).Take(3), await store.ReadOutboxAsync(all[1].Cursor, 3, includeSkipped: true));
        Assert.Equal(all.Where(e => !e.Skipped).Reverse().Take(3), await store.ReadOutboxAsync(0, 3, newest: true));
        Assert.Equal(all.Reverse().Take(3), await store.ReadOutboxAsync(0, 3, newest: true, includeSkipped: true));
        Assert.Equal(all, await store.ReadOutboxAsync(0, 100, includeSkipped: true));   // reading is idempotent
    }

    private static string Text(StoredRecord r) =>
        $"{r with { Feedback = null, Context = null }} {string.Join(",", r.Feedback?.Select(BitConverter.DoubleToInt64Bits) ?? [])} " +
        string.Join(",", r.Context?.Select(BitConverter.DoubleToInt64Bits) ?? []);
}
