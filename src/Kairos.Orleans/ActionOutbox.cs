using System.Collections.Concurrent;
using Kairos.Serving;
using Microsoft.Extensions.Logging;

namespace Kairos.Orleans;

/// <summary>
/// Emitted actions as this silo saw them leave (a log line each, the latest in memory). The grain hands an action
/// over only after its record, the state it implies and its outbox row are committed: consumers read the durable
/// outbox (`GET /v1/actions`), not this.
/// </summary>
public sealed class ActionOutbox(ILogger<ActionOutbox> log)
{
    public const int Capacity = 1000;
    private readonly ConcurrentQueue<EmittedAction> _latest = new();

    public IReadOnlyCollection<EmittedAction> Latest => _latest.ToArray();

    public void Deliver(EmittedAction action)
    {
        _latest.Enqueue(action);
        while (_latest.Count > Capacity) _latest.TryDequeue(out _);
        log.LogInformation("action {Id} for {Policy}/{User} at {Time} mark {Mark}", action.ActionId, action.Policy, action.User, action.Time, action.Mark);
    }
}
