using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>
/// An id reused after it left the engine's id window is refused by the durable store's unique id index. That refusal
/// is a 409 naming the id (never a 500), it changes nothing, the user keeps being served, and writes that shared its
/// group-commit batch are committed all the same.
/// </summary>
public class StaleIdTests
{
    private static IncomingEvent Feedback(string id, double t) => new(id, t, EventKind.Feedback, 0, 1.0);

    public static TheoryData<string> Stores => TestStores.Durable;

    [Theory, MemberData(nameof(Stores))]
    public async Task An_id_reused_beyond_the_window_is_a_conflict_and_changes_nothing(string kind)
    {
        string spec = TestStores.NewSpec(kind);
        await using (var store = UserStores.Open(spec))
        {
            var engine = new DecisionEngine(store, Catalog(), new EngineOptions { IdWindow = 2 });
            for (int i = 1; i <= 4; i++) await engine.IngestAsync("default", "u", [Feedback($"e{i}", i)]);
            var conflict = await Assert.ThrowsAsync<IdConflictException>(() => engine.IngestAsync("default", "u", [Feedback("e1", 5)]));
            Assert.Equal("events[0].id", conflict.Field);
            Assert.Contains("user 'u'", conflict.Message);
            Assert.Equal(new IngestResult(1, 0), await engine.IngestAsync("default", "u", [Feedback("e5", 6)]));
            Assert.Equal(new UserSummary(5, 6.0), await engine.UserAsync("default", "u"));
        }
        var ids = (await TestStores.ReadAll(spec, "default")).Select(r => r.Record.Id!).ToArray();
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], ids);
    }

    [Fact]
    public async Task A_failed_batch_fails_only_the_write_at_fault()
    {
        using var gate = new SemaphoreSlim(0);
        bool first = true;
        var committed = new List<string>();
        await using var writer = new GroupCommitWriter<string>(items =>
        {
            if (first) { first = false; gate.Wait(); }   // hold the loop so the next writes queue up as one batch
            if (items.Contains("bad")) throw new InvalidOperationException("refused");
            committed.AddRange(items);
        }, new BatchSizeStats());
        var head = writer.WriteAsync("head");
        var writes = Enumerable.Range(0, 5).Select(i => writer.WriteAsync($"w{i}")).Append(writer.WriteAsync("bad")).ToArray();
        gate.Release();
        await head;
        await Task.WhenAll(writes[..5]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => writes[5]);
        Assert.Equal(["head", "w0", "w1", "w2", "w3", "w4"], committed);
    }
}
