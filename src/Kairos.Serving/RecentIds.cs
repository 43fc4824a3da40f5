namespace Kairos.Serving;

/// <summary>
/// A resident user's id window: the identified records among the user's last records, oldest first, in one ring array
/// that grows by doubling up to the window, their ids' characters in a circular character buffer beside it. A new user
/// with one identified record keeps two small arrays instead of a dictionary and a queue (five objects), and a resident
/// user's request stores no reference to a new object in the user's (old) arrays: the request's id string is copied, not
/// kept. Each reference from an old object to a new one is a root the next collection must scan and a survivor it must
/// copy; with the id strings kept, they were most of every gen0 collection's work in steady state. Up to
/// <see cref="IndexAbove"/> slots the ring is searched newest first; a larger ring keeps an index from id to slot.
/// A window made with an <see cref="IdSlab"/> (the engine's, for windows of at most <see cref="IndexAbove"/> ids) keeps
/// its ring in the slab's blocks instead, ids inline: it allocates nothing of its own, and must be cleared
/// (<see cref="Clear"/>) to give its blocks back.
/// </summary>
internal struct RecentIds(IdSlab? slab)
{
    public const int IndexAbove = 32;

    [System.Runtime.CompilerServices.InlineArray(IdSlab.MaxBlocks)]
    private struct Blocks
    {
        private int _b;
    }

    private readonly IdSlab? _slab = slab;
    private Blocks _blocks;
    private int _blockCount;

    /// <summary>A remembered record without its id (<see cref="StoredRecord.Id"/> null) and where its id's characters
    /// start in the character buffer (they may wrap around its end).</summary>
    private struct Entry
    {
        public StoredRecord Record;
        public int Start, Length;
    }

    private Entry[]? _ring;
    private char[]? _chars;
    private int _oldest, _count, _charStart, _charCount;
    private Dictionary<string, int>? _index;

    public readonly int Count => _count;

    /// <summary>Ring slots allocated (for tests of the growth).</summary>
    internal readonly int Capacity => _slab is not null ? _blockCount * IdSlab.BlockSlots : _ring?.Length ?? 0;

    public readonly bool TryGet(string id, out StoredRecord record)
    {
        if (_slab is not null)
        {
            for (int k = _count - 1; k >= 0; k--)
            {
                ref var s = ref SlabSlot(k);
                if (s.IdEquals(id))
                {
                    record = s.Record with { Id = id };
                    return true;
                }
            }
        }
        else if (_index is not null)
        {
            if (_index.TryGetValue(id, out int slot))
            {
                record = _ring![slot].Record with { Id = id };
                return true;
            }
        }
        else
        {
            for (int k = _count - 1; k >= 0; k--)
            {
                ref var s = ref _ring![Slot(k)];
                if (IdEquals(s, id))
                {
                    record = s.Record with { Id = id };
                    return true;
                }
            }
        }
        record = default;
        return false;
    }

    /// <summary>Forgets the records at or below <paramref name="count"/> − <paramref name="window"/> and remembers
    /// <paramref name="r"/> (identified, with a sequence number above every remembered one) if it is in the window.</summary>
    public void Remember(in StoredRecord r, long count, int window)
    {
        if (_slab is not null)
        {
            RememberInSlab(r, count, window);
            return;
        }
        long floor = count - window;
        while (_count > 0 && _ring![_oldest].Record.Seq <= floor) ForgetOldest();
        if (r.Seq <= floor) return;
        string id = r.Id!;
        if (_ring is null || _count == _ring.Length) Grow(window);
        if (_chars is null || _chars.Length - _charCount < id.Length) GrowChars(id.Length);
        int slot = Slot(_count);
        int start = (_charStart + _charCount) % _chars!.Length;
        _ring![slot] = new Entry { Record = r with { Id = null }, Start = start, Length = id.Length };
        int first = Math.Min(id.Length, _chars.Length - start);
        id.AsSpan(0, first).CopyTo(_chars.AsSpan(start));
        id.AsSpan(first).CopyTo(_chars);
        _charCount += id.Length;
        _count++;
        if (_index is not null) _index[id] = slot;
    }

    /// <summary>Forgets every id (and gives the window's slab blocks back).</summary>
    public void Clear()
    {
        if (_slab is null)
        {
            this = default;
            return;
        }
        for (int k = 0; k < _count; k++) SlabSlot(k) = default;   // no slab slot keeps a vector or a long id alive
        for (int b = 0; b < _blockCount; b++) _slab.Return(_blocks[b]);
        (_blockCount, _oldest, _count) = (0, 0, 0);
    }

    private void RememberInSlab(in StoredRecord r, long count, int window)
    {
        if (window > IndexAbove) throw new ArgumentOutOfRangeException(nameof(window), window, $"a window in the slab holds at most {CountText.Of(IndexAbove, "id")}.");
        long floor = count - window;
        while (_count > 0 && SlabAt(_oldest).Record.Seq <= floor)
        {
            SlabAt(_oldest) = default;
            _oldest = (_oldest + 1) % Capacity;
            _count--;
        }
        if (r.Seq <= floor) return;
        string id = r.Id!;
        if (_count == Capacity) GrowInSlab();
        ref var s = ref SlabSlot(_count);
        bool inline = id.Length <= IdSlab.InlineChars;
        s.Record = r with { Id = inline ? null : id };
        s.Length = id.Length;
        if (inline) id.CopyTo(s.Id);
        _count++;
    }

    /// <summary>Adds a block to a full ring, laid out oldest first (rotated in place, slot by slot).</summary>
    private void GrowInSlab()
    {
        int capacity = Capacity;
        if (_oldest != 0)
        {
            Reverse(0, _oldest);
            Reverse(_oldest, capacity);
            Reverse(0, capacity);
            _oldest = 0;
        }
        _blocks[_blockCount++] = _slab!.Rent();
    }

    private readonly void Reverse(int from, int to)
    {
        for (int i = from, j = to - 1; i < j; i++, j--)
        {
            ref var a = ref SlabAt(i);
            ref var b = ref SlabAt(j);
            (a, b) = (b, a);
        }
    }

    /// <summary>The slot at ring position <paramref name="p"/> (physical, 0 … capacity − 1).</summary>
    private readonly ref IdSlab.Slot SlabAt(int p) => ref _slab!.At(_blocks[p / IdSlab.BlockSlots], p % IdSlab.BlockSlots);

    /// <summary>The slot of the <paramref name="k"/>-th remembered record, oldest first.</summary>
    private readonly ref IdSlab.Slot SlabSlot(int k) => ref SlabAt((_oldest + k) % Capacity);

    private readonly int Slot(int k) => (_oldest + k) % _ring!.Length;

    private readonly bool IdEquals(in Entry s, string id)
    {
        if (s.Length != id.Length) return false;
        int first = Math.Min(s.Length, _chars!.Length - s.Start);
        return _chars.AsSpan(s.Start, first).SequenceEqual(id.AsSpan(0, first)) && _chars.AsSpan(0, s.Length - first).SequenceEqual(id.AsSpan(first));
    }

    private readonly string IdOf(in Entry s)
    {
        int first = Math.Min(s.Length, _chars!.Length - s.Start);
        return string.Concat(_chars.AsSpan(s.Start, first), _chars.AsSpan(0, s.Length - first));
    }

    private void ForgetOldest()
    {
        ref var s = ref _ring![_oldest];
        if (_index is not null && IdOf(s) is var id && _index.TryGetValue(id, out int slot) && slot == _oldest) _index.Remove(id);
        _charStart = (_charStart + s.Length) % _chars!.Length;
        _charCount -= s.Length;
        s = default;
        _oldest = (_oldest + 1) % _ring.Length;
        _count--;
    }

    /// <summary>Doubles the ring (1 slot at first, at most the window, which holds every record it can remember) and
    /// lays it out oldest first; past <see cref="IndexAbove"/> slots the ids are indexed.</summary>
    private void Grow(int window)
    {
        int size = Math.Max(_count + 1, Math.Min(Math.Max(1, 2 * Capacity), window));
        var ring = new Entry[size];
        for (int k = 0; k < _count; k++) ring[k] = _ring![Slot(k)];
        (_ring, _oldest) = (ring, 0);
        if (size <= IndexAbove) return;
        _index ??= new Dictionary<string, int>(size, StringComparer.Ordinal);
        _index.Clear();
        for (int k = 0; k < _count; k++) _index[IdOf(ring[k])] = k;
    }

    /// <summary>Makes room for <paramref name="need"/> more characters: at least double the buffer, the remembered ids
    /// laid out from its start, oldest first.</summary>
    private void GrowChars(int need)
    {
        var chars = new char[Math.Max(1, Math.Max(_charCount + need, 2 * (_chars?.Length ?? 0)))];
        int at = 0;
        for (int k = 0; k < _count; k++)
        {
            ref var s = ref _ring![Slot(k)];
            int first = Math.Min(s.Length, _chars!.Length - s.Start);
            _chars.AsSpan(s.Start, first).CopyTo(chars.AsSpan(at));
            _chars.AsSpan(0, s.Length - first).CopyTo(chars.AsSpan(at + first));
            s.Start = at;
            at += s.Length;
        }
        (_chars, _charStart) = (chars, 0);
    }
}
