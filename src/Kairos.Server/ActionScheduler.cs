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
/// After an outage the overdue plans come up oldest first: those past <see cref="EngineOptions.MaxLateness"/> are
/// skipped and re-planned by the engine at once; the rest leave through the <see cref="CatchUpPacer"/>.
/// </summary>
public sealed class ActionScheduler : BackgroundService
{
    private readonly DecisionEngine _engine;
    private readonly ILogger<ActionScheduler> _log;
    private readonly PriorityQueue<(string Policy, string User, double Time), double> _due = new();
    private readonly Dictionary<(string, string), double> _planned = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TimeProvider _clock;
    private readonly CatchUpPacer _pacer;

    public ActionScheduler(DecisionEngine engine, ServerOptions options, ILogger<ActionScheduler> log)
    {
        (_engine, _log, _clock) = (engine, log, options.Clock);
        _pacer = new CatchUpPacer(options.CatchUpRate, options.Clock);
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
            if (!await Paced(next.Time, now, stop).ConfigureAwait(false)) return;
            await Emit(next, UnixNow(), stop).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a catch-up slot when the action is late but within the lateness bound (a later one is
    /// skipped by the engine at once, an on-time one leaves at once); false when stopping.</summary>
    private async Task<bool> Paced(double planned, double now, CancellationToken stop)
    {
        if (_engine.Classify(planned, now) != Lateness.CatchUp) return true;
        var wait = _pacer.Reserve();
        if (wait <= TimeSpan.Zero) return true;
        try { await Task.Delay(wait, _clock, stop).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
        return true;
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

    private double UnixNow() => _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
