using Kairos.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kairos.Server;

/// <summary>
/// A single node's timer for next actions (`kairos serve --emit-actions`; a cluster uses durable Orleans reminders
/// instead): it learns each user's planned next action from <see cref="DecisionEngine.ActionPlanned"/> (after every
/// commit and restore) and, when it is due on the wall clock (user time t = Unix time t seconds), asks the engine to
/// emit it, which commits the action and its outbox row together. A plan superseded before it is due is skipped; an
/// emission that finds the store unavailable is retried after Retry-After seconds. At start-up every stored user's plan
/// is re-armed (<see cref="TimerRearm"/>), so a restart loses no pending action of a user who sends nothing more.
/// </summary>
public sealed class ActionScheduler : BackgroundService
{
    private readonly DecisionEngine _engine;
    private readonly ILogger<ActionScheduler> _log;
    private readonly PriorityQueue<(string Policy, string User, double Time), double> _due = new();
    private readonly Dictionary<(string, string), double> _planned = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);

    public ActionScheduler(DecisionEngine engine, ILogger<ActionScheduler> log)
    {
        (_engine, _log) = (engine, log);
        engine.ActionPlanned += Plan;
    }

    public int Pending { get { lock (_lock) return _planned.Count; } }

    private void Plan(string policy, string user, double time) => Plan(policy, user, time, retry: false);

    private void Plan(string policy, string user, double time, bool retry)
    {
        lock (_lock)
        {
            if (_planned.TryGetValue((policy, user), out double known) && (known == time || retry)) return;   // a retry never overrides a newer plan
            _planned[(policy, user)] = time;
            _due.Enqueue((policy, user, time), time);
            if (_due.Count > 2 * _planned.Count + 1024) Compact();
        }
        _wake.Release();
    }

    /// <summary>Drops queue entries of superseded plans.</summary>
    private void Compact()
    {
        var live = _planned.Select(p => ((p.Key.Item1, p.Key.Item2, p.Value), p.Value)).ToArray();
        _due.Clear();
        _due.EnqueueRange(live);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var rearm = Task.Run(() => TimerRearm.RunAsync(_engine, _log, stop), CancellationToken.None);
        try { await Run(stop).ConfigureAwait(false); }
        finally { await rearm.ConfigureAwait(false); }
    }

    private async Task Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            double now = UnixNow(), wait;
            (string Policy, string User, double Time) next = default;
            lock (_lock)
            {
                wait = double.PositiveInfinity;
                while (_due.TryPeek(out var head, out double time))
                {
                    if (!_planned.TryGetValue((head.Policy, head.User), out double current) || current != time) { _due.Dequeue(); continue; }
                    if (time > now) { wait = time - now; break; }
                    next = _due.Dequeue();
                    _planned.Remove((head.Policy, head.User));
                    wait = 0;
                    break;
                }
            }
            if (wait > 0)
            {
                try { await _wake.WaitAsync(TimeSpan.FromSeconds(Math.Min(wait, 60)), stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            await Emit(next, now, stop).ConfigureAwait(false);
        }
    }

    private async Task Emit((string Policy, string User, double Time) due, double now, CancellationToken stop)
    {
        try
        {
            if (await _engine.EmitDueAsync(due.Policy, due.User, now, stop).ConfigureAwait(false) is { } a)
                _log.LogInformation("action {Id} for {Policy}/{User} at {Time} mark {Mark}", a.ActionId, a.Policy, a.User, a.Time, a.Mark);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (ServingUnavailableException e)
        {
            _log.LogWarning("emitting {Policy}/{User}: {Message}", due.Policy, due.User, e.Message);
            _ = RetryLater(due, stop);
        }
        catch (Exception e) { _log.LogError(e, "emitting the next action of {Policy}/{User} failed", due.Policy, due.User); }
    }

    private async Task RetryLater((string Policy, string User, double Time) due, CancellationToken stop)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(ServingUnavailableException.RetryAfterSeconds), stop).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        Plan(due.Policy, due.User, due.Time, retry: true);
    }

    public override void Dispose()
    {
        _engine.ActionPlanned -= Plan;
        _wake.Dispose();
        base.Dispose();
    }

    private static double UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
