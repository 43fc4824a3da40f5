using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// One entry of a user's history as stored: sequence number (1, 2, … per policy and user), optional id, and the
/// event. An opportunity the service decided carries the decision: <see cref="Mark"/> is the action (0 = none,
/// k + 1 = act with mark k), <see cref="Propensity"/> its probability and <see cref="PolicyVersion"/> the version
/// that made it. An opportunity merely reported (not decided) has no propensity. <see cref="Feedback"/> is the
/// feedback vector the event carried (null: the service's default, value in entry 0) and <see cref="Context"/> its
/// context vector (features of the opportunity or observation), both kept so a replay sees what the decision saw.
/// </summary>
public readonly record struct StoredRecord(long Seq, string? Id, double Time, EventKind Kind, int Mark, double? Value,
    double? Propensity = null, string? PolicyVersion = null, double[]? Feedback = null, double[]? Context = null)
{
    public bool IsDecision => Kind == EventKind.Opportunity && Propensity is not null;

    public Event ToEvent() => new(Time, Kind, IsDecision ? 0 : Mark, Value, Id, Context);
}
