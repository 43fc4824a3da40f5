namespace Kairos.Serving;

/// <summary>Bad input to the service; <see cref="Field"/> names the field at fault (e.g. "events[2].time").</summary>
public sealed class ServingInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>An event earlier than the user's last applied one (HTTP 409): never silently reordered.</summary>
public sealed class EventOrderException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>An id already used by an event of another kind (HTTP 409).</summary>
public sealed class IdConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A policy name the service does not serve (HTTP 404).</summary>
public sealed class UnknownPolicyException(string name, IEnumerable<string> known)
    : Exception($"no policy named '{name}' is served; served: {string.Join(", ", known)}.")
{
    public string Name { get; } = name;
}

/// <summary>The user's state is temporarily out of reach (a cluster member failing over, a call timing out): HTTP 503
/// with Retry-After; the request may be retried (ingestion and opportunities are idempotent by id).</summary>
public sealed class ServingUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The Retry-After a 503 carries: about one failover (docs/serving.md, cluster membership).</summary>
    public const int RetryAfterSeconds = 2;
}
