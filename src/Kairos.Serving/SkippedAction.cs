using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// A planned action found too late to send (more than <see cref="EngineOptions.MaxLateness"/> past its planned time
/// when its timer fired): it is stored in the user's history under the action's own id
/// (<see cref="EmittedAction.IdFor"/>), so the store's unique id makes emitting it later, or skipping it twice,
/// impossible. The record is an opportunity the policy does not observe, carrying the version that skipped it
/// (clients cannot store that: their opportunities have no version unless decided), the planned mark, and the planned
/// time as its value; its time is when it was skipped, from which the next action was re-planned
/// (<see cref="IReplannableState.Replan"/>). A replay re-plans at the same time, so it restores bit for bit.
/// </summary>
public static class SkippedAction
{
    public const string KindName = "skipped-late";

    public static StoredRecord Record(long seq, double skippedAt, PlannedAction planned, string version) =>
        new(seq, EmittedAction.IdFor(planned.Time), skippedAt, EventKind.Opportunity, planned.Mark, planned.Time, PolicyVersion: version);

    public static bool Is(in StoredRecord r) => r.Kind == EventKind.Opportunity && r.Propensity is null && r.PolicyVersion is not null;
}
