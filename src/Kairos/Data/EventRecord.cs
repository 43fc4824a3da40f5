using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>One row of an event file: a user's event (<see cref="EventRecord"/>) or a user's observation window
/// (<see cref="WindowRecord"/>), with the 1-based line it came from (0 when it was not read from a file).</summary>
public abstract record EventFileRow(string User, long Line);

/// <summary>An event row. <paramref name="Propensity"/> is the logging policy's probability of a logged decision
/// (action rows of ad-delivery logs, column <c>propensity</c>), null when absent.</summary>
public sealed record EventRecord(string User, Event Event, long Line = 0, double? Propensity = null) : EventFileRow(User, Line);

/// <summary>A window row (<c>kind</c> = <c>window</c>): the user was observed over [start, end], whether or not
/// the file has any event of the user.</summary>
public sealed record WindowRecord(string User, ObservationWindow Window, long Line = 0) : EventFileRow(User, Line);
