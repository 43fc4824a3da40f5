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
