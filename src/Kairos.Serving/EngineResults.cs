using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>An event as a client sends it (validated by <see cref="DecisionEngine"/>): optionally with its feedback
/// vector (the policy's feedback size; without one, a feedback event's value is entry 0) and a context vector.</summary>
public sealed record IncomingEvent(string? Id, double Time, EventKind Kind, int Mark = 0, double? Value = null,
    double[]? Feedback = null, double[]? Context = null);

/// <summary>Events newly applied and events skipped because their id was already applied.</summary>
public sealed record IngestResult(int Applied, int Duplicates);

/// <summary>The planned next action (time null: none until the next event).</summary>
public sealed record NextActionResult(double? Time, int Mark, string PolicyVersion);

/// <summary>A decision at an opportunity: action 0 = none, k + 1 = act with mark k; its probability under the policy;
/// the version that made it; whether it is the stored answer to a retried opportunity id.</summary>
public sealed record OpportunityResult(int Action, double Propensity, string PolicyVersion, bool Repeated);

/// <summary>A user's history size and last event time.</summary>
public sealed record UserSummary(long Events, double? LastTime);

/// <summary>Limits and cadences of a <see cref="DecisionEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>Resident (policy, user) states before the least recently used are evicted.</summary>
    public int UserCapacity { get; init; } = 100_000;
    /// <summary>A snapshot is written with the record that makes this many records since the last one.</summary>
    public int SnapshotEvery { get; init; } = 64;
    public int MaxIdLength { get; init; } = 128;
    public int MaxBatch { get; init; } = 1000;
    /// <summary>Ids of each resident user's last this many records are kept in memory with their records, so a retry
    /// among them is recognized at once; an older id is looked up in the store (only for an event that would be refused
    /// as out of order, or one whose commit the store refused for its id), so retries stay idempotent beyond the window.
    /// Memory: up to <see cref="IdWindowMemory.BytesPerId"/> × this × <see cref="UserCapacity"/>.</summary>
    public int IdWindow { get; init; } = 16;
    /// <summary>How far past its planned time (in user time) a planned action may still be emitted; a later one is
    /// skipped and re-planned (<see cref="DecisionEngine.EmitDueAsync"/>). Unbounded by default; `kairos serve` sets
    /// it from --max-lateness.</summary>
    public double MaxLateness { get; init; } = double.PositiveInfinity;
    /// <summary>A planned action emitted at most this late (user time; 1 = one second on the Unix-seconds clock) is on
    /// time: recorded at its planned time. A later one is a catch-up, recorded when it leaves.</summary>
    public double OnTime { get; init; } = 1;
}

/// <summary>How late a due planned action is when its timer fires (<see cref="DecisionEngine.Classify"/>).</summary>
public enum Lateness
{
    /// <summary>Within <see cref="EngineOptions.OnTime"/>: emitted, recorded at its planned time.</summary>
    OnTime,
    /// <summary>Later, within <see cref="EngineOptions.MaxLateness"/>: emitted (paced by the host), recorded when it leaves.</summary>
    CatchUp,
    /// <summary>Beyond <see cref="EngineOptions.MaxLateness"/>: recorded as skipped and re-planned, never emitted.</summary>
    TooLate,
}
