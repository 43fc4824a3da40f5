namespace Kairos.Serving;

/// <summary>
/// A resident user's id window: the identified records among the user's last records, oldest first, in one ring array
/// that grows by doubling up to the window. A new user with one identified record keeps a one-slot array instead of a
/// dictionary and a queue (five objects): each user's resident state is copied by the garbage collections that follow
/// the user's arrival, so its size is what their pauses grow with. Up to <see cref="IndexAbove"/> slots the ring is
/// searched newest first; a larger ring keeps an index from id to slot beside it.
/// </summary>
internal struct RecentIds
{
    public const int IndexAbove = 32;

    private StoredRecord[]? _ring;
    private int _oldest, _count;
    private Dictionary<string, int>? _index;

    public readonly int Count => _count;

    /// <summary>Ring slots allocated (for tests of the growth).</summary>
    internal readonly int Capacity => _ring?.Length ?? 0;

    public readonly bool TryGet(string id, out StoredRecord record)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(id, out int slot))
            {
                record = _ring![slot];
                return true;
            }
        }
        else
        {
            for (int k = _count - 1; k >= 0; k--)
            {
                ref var r = ref _ring![Slot(k)];
                if (string.Equals(r.Id, id, StringComparison.Ordinal))
                {
                    record = r;
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
        long floor = count - window;
        while (_count > 0 && _ring![_oldest].Seq <= floor) ForgetOldest();
        if (r.Seq <= floor) return;
        if (_ring is null || _count == _ring.Length) Grow(window);
        int slot = Slot(_count);
        _ring![slot] = r;
        _count++;
        if (_index is not null) _index[r.Id!] = slot;
    }

    public void Clear() => this = default;

    private readonly int Slot(int k) => (_oldest + k) % _ring!.Length;

    private void ForgetOldest()
    {
        string id = _ring![_oldest].Id!;
        if (_index is not null && _index.TryGetValue(id, out int slot) && slot == _oldest) _index.Remove(id);
        _ring[_oldest] = default;
        _oldest = (_oldest + 1) % _ring.Length;
        _count--;
    }

    /// <summary>Doubles the ring (1 slot at first, at most the window, which holds every record it can remember) and
    /// lays it out oldest first; past <see cref="IndexAbove"/> slots the ids are indexed.</summary>
    private void Grow(int window)
    {
        int size = Math.Max(_count + 1, Math.Min(Math.Max(1, 2 * Capacity), window));
        var ring = new StoredRecord[size];
        for (int k = 0; k < _count; k++) ring[k] = _ring![Slot(k)];
        (_ring, _oldest) = (ring, 0);
        if (size <= IndexAbove) return;
        _index ??= new Dictionary<string, int>(size, StringComparer.Ordinal);
        _index.Clear();
        for (int k = 0; k < _count; k++) _index[ring[k].Id!] = k;
    }
}
