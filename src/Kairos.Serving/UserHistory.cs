namespace Kairos.Serving;

/// <summary>A stored snapshot of a user's policy state after record <see cref="Seq"/>, under policy version
/// <see cref="Version"/> (binary form of <see cref="Kairos.Decisions.PolicySnapshot"/>).</summary>
public sealed record StoredSnapshot(long Seq, string Version, byte[] State);

/// <summary>What restoring a user needs: the latest snapshot under the requested version (or none), the records after
/// it, the identified records (every one, or those among the last records of the id window), the user's count and
/// last time, and the time of the user's first record (the origin of the user's clock; null for a new user).</summary>
public sealed record UserHistory(StoredSnapshot? Snapshot, IReadOnlyList<StoredRecord> Records,
    IReadOnlyList<StoredRecord> IdentifiedRecords, long Count, double? LastTime, double? FirstTime = null)
{
    public static UserHistory Empty { get; } = new(null, [], [], 0, null);
}

/// <summary>One user's write: new records and optionally a fresh snapshot, committed together. <see cref="Emitted"/>
/// (one of the records, an action the service emits) goes into the outbox in the same transaction; so does
/// <see cref="Skipped"/> (one of the records, a planned action skipped as too late), flagged as skipped.</summary>
public sealed record UserWrite(string Policy, string User, IReadOnlyList<StoredRecord> Records, StoredSnapshot? Snapshot)
{
    public StoredRecord? Emitted { get; init; }
    public StoredRecord? Skipped { get; init; }

    /// <summary>The outbox row this write adds, if any: the record and whether it is a skip.</summary>
    public (StoredRecord Record, bool Skipped)? OutboxRow =>
        Emitted is { } e ? (e, false) : Skipped is { } s ? (s, true) : null;
}
