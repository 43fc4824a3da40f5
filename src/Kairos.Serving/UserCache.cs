using System.Collections.Concurrent;

namespace Kairos.Serving;

/// <summary>
/// The resident users, bounded: past <see cref="Capacity"/> entries the least recently used idle ones are evicted
/// (their state is in the store; the next request restores it). Eviction takes an entry's gate without waiting, so a
/// user with a request in progress is never evicted. With an id window of at most <see cref="RecentIds.IndexAbove"/>
/// ids, the entries' windows live in one <see cref="IdSlab"/>.
/// </summary>
internal sealed class UserCache(int capacity, int idWindow = 0)
{
    private readonly IdSlab? _slab = idWindow is > 0 and <= RecentIds.IndexAbove ? new IdSlab() : null;

    private readonly ConcurrentDictionary<(string, string), UserEntry> _entries = new();
    private long _clock;
    private int _evicting;

    /// <summary>The slab of the id windows, if they are in one (for tests).</summary>
    internal IdSlab? Slab => _slab;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the user cache needs a capacity ≥ 1.");
    private int _count;

    /// <summary>Resident entries, kept beside the dictionary: <c>ConcurrentDictionary.Count</c> takes every lock, and
    /// it was read on every request.</summary>
    public int Count => Volatile.Read(ref _count);
    public long Evictions;

    public UserEntry Get(string policy, string user)
    {
        if (_entries.TryGetValue((policy, user), out var entry))
        {
            Volatile.Write(ref entry.LastTouched, Interlocked.Increment(ref _clock));
            return entry;
        }
        var fresh = new UserEntry(policy, user, _slab) { LastTouched = Interlocked.Increment(ref _clock) };   // the newest: never the one evicted
        entry = _entries.GetOrAdd((policy, user), fresh);
        if (!ReferenceEquals(entry, fresh)) Volatile.Write(ref entry.LastTouched, Interlocked.Increment(ref _clock));
        else if (Interlocked.Increment(ref _count) > Capacity) EvictOldest();
        return entry;
    }

    public bool TryGet(string policy, string user, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out UserEntry entry) =>
        _entries.TryGetValue((policy, user), out entry);

    public void Remove(UserEntry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<(string, string), UserEntry>((entry.Policy, entry.User), entry))) Interlocked.Decrement(ref _count);
    }

    /// <summary>Evicts the oldest idle entries down to 90% of capacity (one evictor at a time).</summary>
    private void EvictOldest()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1) return;
        try
        {
            int target = Math.Max(1, Capacity * 9 / 10);
            int excess = Count - target;
            if (excess <= 0) return;
            foreach (var entry in _entries.Values.OrderBy(e => Volatile.Read(ref e.LastTouched)).Take(excess).ToArray())
            {
                if (!entry.Gate.TryEnter()) continue;
                try
                {
                    entry.Evict();
                    Remove(entry);
                    Interlocked.Increment(ref Evictions);
                }
                finally { entry.Gate.Exit(); }
            }
        }
        finally { Volatile.Write(ref _evicting, 0); }
    }
}
