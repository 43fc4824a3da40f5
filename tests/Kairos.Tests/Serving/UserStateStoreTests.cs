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
    }

    private static string Text(StoredRecord r) =>
        $"{r with { Feedback = null, Context = null }} {string.Join(",", r.Feedback?.Select(BitConverter.DoubleToInt64Bits) ?? [])} " +
        string.Join(",", r.Context?.Select(BitConverter.DoubleToInt64Bits) ?? []);
}
