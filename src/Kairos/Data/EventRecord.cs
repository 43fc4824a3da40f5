using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>One event read from (or written to) an event log: whose it is, the event, and the 1-based line it
/// came from (0 when it was not read from a file).</summary>
public readonly record struct EventRecord(string User, Event Event, long Line = 0);
