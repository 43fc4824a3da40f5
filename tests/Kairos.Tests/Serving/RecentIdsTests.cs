using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The id window's ring remembers exactly what the former dictionary-and-queue window remembered: after every record,
/// every id ever used (and some never used) is found, or not, alike, with the same record, for windows below and above
/// the size where the ring starts indexing. The ring grows by doubling from one slot and never beyond the window, and
/// it keeps no reference to the id strings it was given (a resident user's request must leave nothing new reachable
/// from the user's old arrays). Windows in an engine's <see cref="IdSlab"/> are checked the same way, several sharing
/// one slab, and must allocate nothing after a user's first record.
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
                string id = $"id-{step}-" + new string('x', rng.Next(0, 30));   // lengths vary, so ids wrap around the character buffer
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

    /// <summary>Windows in one slab (as an engine's users share one): each finds what its own former window found,
    /// after every record, while the others write, forget and give blocks back (a user reset midway rents again), so a
    /// block shared by mistake or used after it was given back shows up as a wrong answer. Ids longer than the inline
    /// characters are included.</summary>
    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    [InlineData(4, 14)]
    [InlineData(5, 15)]
    [InlineData(16, 16)]
    [InlineData(RecentIds.IndexAbove, 17)]
    public void Windows_in_one_slab_find_what_the_former_window_found(int window, int seed)
    {
        const int users = 7;
        var rng = new Random(seed);
        var slab = new IdSlab();
        var rings = Enumerable.Range(0, users).Select(_ => new RecentIds(slab)).ToArray();
        var references = Enumerable.Range(0, users).Select(_ => new Reference()).ToArray();
        var counts = new long[users];
        var used = new List<string> { "never-1", "never-2", new string('n', IdSlab.InlineChars + 5) };
        for (int step = 0; step < 20 * window + 300; step++)
        {
            int u = rng.Next(users);
            if (rng.NextDouble() < 0.01)
            {
                rings[u].Clear();
                references[u] = new Reference();
                counts[u] = 0;
                continue;
            }
            long count = ++counts[u];
            if (rng.NextDouble() < 0.75)
            {
                string id = $"id-{u}-{step}-" + new string('x', rng.Next(0, 2 * IdSlab.InlineChars));   // inline and longer
                used.Add(id);
                var r = new StoredRecord(count, id, step, EventKind.Feedback, 0, rng.NextDouble(), Context: rng.NextDouble() < 0.2 ? [step] : null);
                rings[u].Remember(r, count, window);
                references[u].Remember(r, count, window);
            }
            for (int v = 0; v < users; v++)
            {
                Assert.Equal(references[v].Count, rings[v].Count);
                Assert.InRange(rings[v].Capacity, 0, (window + IdSlab.BlockSlots - 1) / IdSlab.BlockSlots * IdSlab.BlockSlots);
                foreach (string id in used.Count <= 20 ? used : Enumerable.Range(0, 20).Select(_ => used[rng.Next(used.Count)]))
                {
                    bool found = rings[v].TryGet(id, out var got);
                    Assert.Equal(references[v].TryGet(id, out var expected), found);
                    if (found) Assert.Equal(expected, got);
                }
            }
        }
        for (int u = 0; u < users; u++) rings[u].Clear();
        Assert.Equal(0, slab.Rented);
    }

    /// <summary>A window in the slab allocates nothing after the user's first record: no ring or character buffer of
    /// its own and no doubling (before, a user's 2nd–16th requests retained 76–601 B each, every gen0 collection's
    /// survivors in steady state). Blocks given back are rented again without allocating.</summary>
    [Fact]
    public void A_window_in_the_slab_allocates_nothing_on_later_records()
    {
        const int users = 1000, records = 40, window = 16;
        var slab = new IdSlab();
        var warm = Enumerable.Range(0, users * window / IdSlab.BlockSlots).Select(_ => slab.Rent()).ToArray();
        foreach (int b in warm) slab.Return(b);
        var rings = new RecentIds[users];
        for (int u = 0; u < users; u++) rings[u] = new RecentIds(slab);
        var ids = new string[users, records];
        for (int u = 0; u < users; u++)
            for (int i = 0; i < records; i++) ids[u, i] = $"r1765000000000-{u}-{i}";
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < records; i++)
            for (int u = 0; u < users; u++)
            {
                rings[u].Remember(new StoredRecord(i + 1, ids[u, i], i, EventKind.Feedback, 0, 1.0), i + 1, window);
                Assert.True(rings[u].TryGet(ids[u, i], out _));
            }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.All(rings, r => Assert.Equal((window, window), (r.Count, r.Capacity)));
        Assert.Equal(users * window / IdSlab.BlockSlots, slab.Rented);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_ring_keeps_copies_of_the_ids_not_the_strings(bool inSlab)
    {
        var ring = inSlab ? new RecentIds(new IdSlab()) : new RecentIds();
        var given = Remember(ref ring, 5);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(given, w => Assert.False(w.IsAlive));
        for (int seq = 1; seq <= 5; seq++)
        {
            Assert.True(ring.TryGet($"given-{seq}", out var r));
            Assert.Equal((long)seq, r.Seq);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference[] Remember(ref RecentIds ring, int n)
    {
        var given = new WeakReference[n];
        for (int seq = 1; seq <= n; seq++)
        {
            string id = string.Concat("given-", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            given[seq - 1] = new WeakReference(id);
            ring.Remember(new StoredRecord(seq, id, seq, EventKind.Feedback, 0, 1.0), seq, 16);
        }
        return given;
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

    [Fact]
    public void A_ring_in_the_slab_grows_a_block_at_a_time_up_to_the_window_and_gives_its_blocks_back()
    {
        var slab = new IdSlab();
        var ring = new RecentIds(slab);
        var capacities = new List<int>();
        for (int seq = 1; seq <= 40; seq++)
        {
            ring.Remember(new StoredRecord(seq, $"e{seq}", seq, EventKind.Feedback, 0, 1.0), seq, 18);
            if (capacities.Count == 0 || capacities[^1] != ring.Capacity) capacities.Add(ring.Capacity);
        }
        Assert.Equal([4, 8, 12, 16, 20], capacities);
        Assert.Equal(5, slab.Rented);
        Assert.Equal(18, ring.Count);
        Assert.False(ring.TryGet("e22", out _));
        Assert.True(ring.TryGet("e23", out var oldest));
        Assert.Equal(23, oldest.Seq);
        ring.Clear();
        Assert.Equal((0, 0, 0), (ring.Count, ring.Capacity, slab.Rented));
        Assert.False(ring.TryGet("e40", out _));
    }
}
