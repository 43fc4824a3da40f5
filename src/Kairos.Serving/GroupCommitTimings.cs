namespace Kairos.Serving;

/// <summary>
/// Where a group-commit write's time goes, as histograms in seconds (<see cref="LatencyBuckets"/>): <see cref="Wait"/>
/// from being queued until acknowledged, split into <see cref="Queue"/> (queued until the writer took it into a batch)
/// and the batch's commit; <see cref="Batch"/> is each batch's commit once (taken until its last write is
/// acknowledged); <see cref="Resume"/> is from the acknowledgement until the caller runs again (a thread-pool hop).
/// </summary>
public sealed class GroupCommitTimings
{
    public CommitWaitStats Wait { get; } = new();
    public CommitWaitStats Queue { get; } = new();
    public CommitWaitStats Batch { get; } = new();
    public CommitWaitStats Resume { get; } = new();
}
