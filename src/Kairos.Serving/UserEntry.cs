using Kairos.Decisions;

namespace Kairos.Serving;

/// <summary>
/// One user's live state under one named policy. Guarded by its gate (<see cref="UserGate"/>, in the entry itself): a
/// request holds it from reading the state until its write is committed, so a user's requests apply one at a time, in
/// order. An evicted entry is marked and left (its id window given back to the slab); a request that finds it evicted
/// looks the user up again.
/// </summary>
internal sealed class UserEntry(string policy, string user, IdSlab? slab = null) : UserGate
{
    public string Policy { get; } = policy;
    public string User { get; } = user;
    public UserGate Gate => this;
    public long LastTouched;

    public bool Loaded, Evicted;
    public ServedPolicy? Served;
    public IPolicyState? State;
    public long Count, SnapshotSeq;
    public double? LastTime;
    /// <summary>The ids of the user's last records (the id window), with their records: a retry within the window is
    /// recognized and a retried decision is returned again. A field: the struct is updated in place.</summary>
    public RecentIds Ids = new(slab);

    /// <summary>Remembers an identified record (after <see cref="Count"/> includes it) and forgets the ids of records
    /// that fell out of the last <paramref name="window"/>.</summary>
    public void RememberId(in StoredRecord r, int window) => Ids.Remember(r, Count, window);

    /// <summary>Marks the entry evicted and gives its id window's slab blocks back; under the entry's gate, so no
    /// request is using them (a request that takes the gate next finds the entry evicted and never reads its ids).</summary>
    public void Evict()
    {
        Evicted = true;
        Ids.Clear();
    }

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
