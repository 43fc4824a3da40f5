using System.Collections.Concurrent;

namespace Kairos.Serving;

/// <summary>
/// The resident users, bounded: past <see cref="Capacity"/> entries the least recently used idle ones are evicted
/// (their state is in the store; the next request restores it). Eviction takes an entry's gate without waiting, so a
/// user with a request in progress is never evicted.
/// </summary>
internal sealed class UserCache(int capacity)
{
    private readonly ConcurrentDictionary<(string, string), UserEntry> _entries = new();
    private long _clock;
    private int _evicting;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the user cache needs a capacity ≥ 1.");
    public int Count => _entries.Count;
    public long Evictions;

    public UserEntry Get(string policy, string user)
    {
        var entry = _entries.GetOrAdd((policy, user), static k => new UserEntry(k.Item1, k.Item2));
        Volatile.Write(ref entry.LastTouched, Interlocked.Increment(ref _clock));
        if (_entries.Count > Capacity) EvictOldest();
        return entry;
    }

    public bool TryGet(string policy, string user, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out UserEntry entry) =>
        _entries.TryGetValue((policy, user), out entry);

    public void Remove(UserEntry entry) => _entries.TryRemove(new KeyValuePair<(string, string), UserEntry>((entry.Policy, entry.User), entry));

    /// <summary>Evicts the oldest idle entries down to 90% of capacity (one evictor at a time).</summary>
    private void EvictOldest()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1) return;
        try
        {
            int target = Math.Max(1, Capacity * 9 / 10);
            int excess = _entries.Count - target;
            if (excess <= 0) return;
            foreach (var entry in _entries.Values.OrderBy(e => Volatile.Read(ref e.LastTouched)).Take(excess).ToArray())
            {
                if (!entry.Gate.Wait(0)) continue;
                try
                {
                    entry.Evicted = true;
                    Remove(entry);
                    Interlocked.Increment(ref Evictions);
                }
                finally { entry.Gate.Release(); }
            }
        }
        finally { Volatile.Write(ref _evicting, 0); }
    }
}
