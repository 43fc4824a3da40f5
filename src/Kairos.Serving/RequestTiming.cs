namespace Kairos.Serving;

/// <summary>
/// The parts of one request's time (seconds) that the engine and the group-commit writer spend on its behalf: waiting
/// for the user's gate, restoring the user from the store, and its write's queue wait, batch commit and resumption
/// after the acknowledgement. The host starts one per request (<see cref="Start"/>); it flows with the request's
/// async calls, so the parts are filled in where they happen; outside a measured request <see cref="Current"/> is null.
/// </summary>
public sealed class RequestTiming
{
    private static readonly AsyncLocal<RequestTiming?> _current = new();

    public static RequestTiming? Current => _current.Value;

    /// <summary>Starts measuring the calling flow's request (and the calls it makes from now on).</summary>
    public static RequestTiming Start() => _current.Value = new RequestTiming();

    public double Gate, Restore, StoreQueue, StoreCommit, StoreResume;
}
