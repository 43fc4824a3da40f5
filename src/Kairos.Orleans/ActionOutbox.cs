using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kairos.Orleans;

/// <summary>An action the service emitted on its own (the user's planned next action, when due).</summary>
public sealed record EmittedAction(string Policy, string User, string Id, double Time, int Mark);

/// <summary>
/// Where emitted actions leave the service. The grain hands an action over only after its record (and the state it
/// implies) is committed to the store, so the store is the outbox: a delivery that is lost can be found there
/// (`kairos export-log`), and an action is never delivered without being recorded. This sink logs each action and
/// keeps the latest ones in memory.
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
        log.LogInformation("action {Id} for {Policy}/{User} at {Time} mark {Mark}", action.Id, action.Policy, action.User, action.Time, action.Mark);
    }
}
