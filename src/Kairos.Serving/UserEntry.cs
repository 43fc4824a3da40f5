using Kairos.Decisions;

namespace Kairos.Serving;

/// <summary>
/// One user's live state under one named policy. Guarded by <see cref="Gate"/>: a request holds it from reading the
/// state until its write is committed, so a user's requests apply one at a time, in order. An evicted entry is marked
/// and left; a request that finds it evicted looks the user up again.
/// </summary>
internal sealed class UserEntry(string policy, string user)
{
    public string Policy { get; } = policy;
    public string User { get; } = user;
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public long LastTouched;

    public bool Loaded, Evicted;
    public ServedPolicy? Served;
    public IPolicyState? State;
    public long Count, SnapshotSeq;
    public double? LastTime;
    /// <summary>Every id this user has used, with its record (decisions are returned again on retry).</summary>
    public Dictionary<string, StoredRecord> Ids { get; } = new(StringComparer.Ordinal);

    public void Reset()
    {
        Loaded = false;
        State = null;
        Served = null;
        Ids.Clear();
        Count = SnapshotSeq = 0;
        LastTime = null;
    }
}
