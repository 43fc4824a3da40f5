using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Orleans;

// The messages between the HTTP front and a user's grain. Every type carries [GenerateSerializer] with [Id] members
// and an [Alias]: a type without them compiles and fails at run time (CodecNotFoundException).

/// <summary>An incoming event (kind as its integer value).</summary>
[GenerateSerializer, Alias("kairos.event")]
public sealed class GrainEvent
{
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public double Time { get; init; }
    [Id(2)] public int Kind { get; init; }
    [Id(3)] public int Mark { get; init; }
    [Id(4)] public double? Value { get; init; }
    [Id(5)] public double[]? Feedback { get; init; }
    [Id(6)] public double[]? Context { get; init; }

    public static GrainEvent From(IncomingEvent e) =>
        new() { Id = e.Id, Time = e.Time, Kind = (int)e.Kind, Mark = e.Mark, Value = e.Value, Feedback = e.Feedback, Context = e.Context };
    public IncomingEvent ToIncoming() => new(Id, Time, (EventKind)Kind, Mark, Value, Feedback, Context);
}

/// <summary>The engine's refusal of a request (bad input, order, id conflict, unknown policy, the store out of reach),
/// carried back as data and raised again in the front as the same exception, so the HTTP answer is the single node's.</summary>
[GenerateSerializer, Alias("kairos.fault")]
public sealed class GrainFault
{
    [Id(0)] public required string Kind { get; init; }
    [Id(1)] public string Field { get; init; } = "";
    [Id(2)] public string Message { get; init; } = "";
    [Id(3)] public string[] KnownPolicies { get; init; } = [];

    public static GrainFault? Of(Exception e) => e switch
    {
        ServingInputException s => new GrainFault { Kind = "input", Field = s.Field, Message = s.Message },
        EventOrderException o => new GrainFault { Kind = "order", Field = o.Field, Message = o.Message },
        IdConflictException c => new GrainFault { Kind = "id", Field = c.Field, Message = c.Message },
        UnknownPolicyException p => new GrainFault { Kind = "policy", Field = p.Name, Message = p.Message, KnownPolicies = KnownFrom(p.Message) },
        ServingUnavailableException u => new GrainFault { Kind = "unavailable", Message = u.Message },
        _ => null,
    };

    public Exception ToException() => Kind switch
    {
        "input" => new ServingInputException(Field, Message),
        "order" => new EventOrderException(Field, Message),
        "id" => new IdConflictException(Field, Message),
        "policy" => new UnknownPolicyException(Field, KnownPolicies),
        "unavailable" => new ServingUnavailableException(Message),
        _ => new InvalidOperationException($"unknown grain fault '{Kind}': {Message}"),
    };

    private static string[] KnownFrom(string message)
    {
        const string marker = "; served: ";
        int i = message.LastIndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? [] : message[(i + marker.Length)..].TrimEnd('.').Split(", ", StringSplitOptions.RemoveEmptyEntries);
    }
}

[GenerateSerializer, Alias("kairos.ingest-reply")]
public sealed class IngestReply
{
    [Id(0)] public GrainFault? Fault { get; init; }
    [Id(1)] public int Applied { get; init; }
    [Id(2)] public int Duplicates { get; init; }
}

[GenerateSerializer, Alias("kairos.decide-reply")]
public sealed class DecideReply
{
    [Id(0)] public GrainFault? Fault { get; init; }
    [Id(1)] public int Action { get; init; }
    [Id(2)] public double Propensity { get; init; }
    [Id(3)] public string PolicyVersion { get; init; } = "";
    [Id(4)] public bool Repeated { get; init; }
}

[GenerateSerializer, Alias("kairos.next-reply")]
public sealed class NextActionReply
{
    [Id(0)] public GrainFault? Fault { get; init; }
    [Id(1)] public double? Time { get; init; }
    [Id(2)] public int Mark { get; init; }
    [Id(3)] public string PolicyVersion { get; init; } = "";
}

[GenerateSerializer, Alias("kairos.user-reply")]
public sealed class UserReply
{
    [Id(0)] public GrainFault? Fault { get; init; }
    [Id(1)] public bool Found { get; init; }
    [Id(2)] public long Events { get; init; }
    [Id(3)] public double? LastTime { get; init; }
}

/// <summary>A stored record as the timeline shows it.</summary>
[GenerateSerializer, Alias("kairos.record")]
public sealed class GrainRecord
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public string? Id { get; init; }
    [Id(2)] public double Time { get; init; }
    [Id(3)] public int Kind { get; init; }
    [Id(4)] public int Mark { get; init; }
    [Id(5)] public double? Value { get; init; }
    [Id(6)] public double? Propensity { get; init; }
    [Id(7)] public string? PolicyVersion { get; init; }

    public static GrainRecord From(StoredRecord r) => new()
    {
        Seq = r.Seq, Id = r.Id, Time = r.Time, Kind = (int)r.Kind, Mark = r.Mark, Value = r.Value, Propensity = r.Propensity, PolicyVersion = r.PolicyVersion,
    };

    public StoredRecord ToRecord() => new(Seq, Id, Time, (EventKind)Kind, Mark, Value, Propensity, PolicyVersion);
}

[GenerateSerializer, Alias("kairos.timeline-reply")]
public sealed class TimelineReply
{
    [Id(0)] public GrainFault? Fault { get; init; }
    [Id(1)] public bool Found { get; init; }
    [Id(2)] public string Policy { get; init; } = "";
    [Id(3)] public string User { get; init; } = "";
    [Id(4)] public string PolicyVersion { get; init; } = "";
    [Id(5)] public long Events { get; init; }
    [Id(6)] public double? LastTime { get; init; }
    [Id(7)] public GrainRecord[] Records { get; init; } = [];
    [Id(8)] public double? NextTime { get; init; }
    [Id(9)] public int NextMark { get; init; }
    /// <summary>The intensity curve as (time, λ) pairs, null when the policy exposes none.</summary>
    [Id(10)] public double[]? CurveTimes { get; init; }
    [Id(11)] public double[]? CurveValues { get; init; }

    public static TimelineReply From(UserTimeline t) => new()
    {
        Found = true, Policy = t.Policy, User = t.User, PolicyVersion = t.PolicyVersion, Events = t.Events, LastTime = t.LastTime,
        Records = t.Records.Select(GrainRecord.From).ToArray(), NextTime = t.Next.Time, NextMark = t.Next.Mark,
        CurveTimes = t.Intensity?.Select(p => p.Time).ToArray(), CurveValues = t.Intensity?.Select(p => p.Intensity).ToArray(),
    };

    public UserTimeline ToTimeline() => new(Policy, User, PolicyVersion, Events, LastTime, Records.Select(r => r.ToRecord()).ToArray(),
        new NextActionResult(NextTime, NextMark, PolicyVersion),
        CurveTimes is null || CurveValues is null ? null : CurveTimes.Zip(CurveValues, (t, v) => new IntensityPoint(t, v)).ToArray());
}
