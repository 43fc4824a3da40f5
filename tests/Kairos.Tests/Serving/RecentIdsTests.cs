using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The id window's ring remembers exactly what the former dictionary-and-queue window remembered: after every record,
/// every id ever used (and some never used) is found, or not, alike, with the same record, for windows below and above
/// the size where the ring starts indexing. The ring grows by doubling from one slot and never beyond the window.
/// </summary>
public class RecentIdsTests
{
    /// <summary>The former window: a dictionary of the ids and a queue of (seq, id) in arrival order.</summary>
    private sealed class Reference
    {
        private readonly Dictionary<string, StoredRecord> _ids = new(StringComparer.Ordinal);
        private readonly Queue<(long Seq, string Id)> _order = new();

        public void Remember(StoredRecord r, long count, long window)
        {
            _ids[r.Id!] = r;
            _order.Enqueue((r.Seq, r.Id!));
            while (_order.TryPeek(out var oldest) && oldest.Seq <= count - window) _ids.Remove(_order.Dequeue().Id);
        }

        public bool TryGet(string id, out StoredRecord r) => _ids.TryGetValue(id, out r);
        public int Count => _ids.Count;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(16, 4)]
    [InlineData(RecentIds.IndexAbove, 5)]
    [InlineData(RecentIds.IndexAbove + 1, 6)]
    [InlineData(100, 7)]
    public void The_ring_finds_what_the_former_window_found(int window, int seed)
    {
        var rng = new Random(seed);
        var ring = new RecentIds();
        var reference = new Reference();
        var used = new List<string> { "never-1", "never-2" };
        long count = 0;
        for (int step = 0; step < 20 * window + 200; step++)
        {
            count++;
            if (rng.NextDouble() < 0.75)
            {
                string id = $"id-{step}";
                used.Add(id);
                var r = new StoredRecord(count, id, step, EventKind.Feedback, 0, rng.NextDouble());
                ring.Remember(r, count, window);
                reference.Remember(r, count, window);
            }
            Assert.Equal(reference.Count, ring.Count);
            foreach (string id in used.Count <= 40 ? used : Enumerable.Range(0, 40).Select(_ => used[rng.Next(used.Count)]))
            {
                bool found = ring.TryGet(id, out var got);
                Assert.Equal(reference.TryGet(id, out var expected), found);
                if (found) Assert.Equal(expected, got);
            }
            Assert.InRange(ring.Capacity, 0, window);
        }
    }

    [Fact]
    public void The_ring_grows_from_one_slot_by_doubling_up_to_the_window()
    {
        var ring = new RecentIds();
        var capacities = new List<int>();
        for (int seq = 1; seq <= 40; seq++)
        {
            ring.Remember(new StoredRecord(seq, $"e{seq}", seq, EventKind.Feedback, 0, 1.0), seq, 20);
            if (capacities.Count == 0 || capacities[^1] != ring.Capacity) capacities.Add(ring.Capacity);
        }
        Assert.Equal([1, 2, 4, 8, 16, 20], capacities);
        Assert.Equal(20, ring.Count);
        Assert.False(ring.TryGet("e20", out _));
        Assert.True(ring.TryGet("e21", out var oldest));
        Assert.Equal(21, oldest.Seq);
        ring.Clear();
        Assert.Equal((0, 0), (ring.Count, ring.Capacity));
        Assert.False(ring.TryGet("e40", out _));
    }
}
