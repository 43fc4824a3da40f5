namespace Kairos.Serving;

/// <summary>
/// Whether this process should be sent traffic (`GET /health/ready`, for load balancers): ready once started and every
/// start-up step registered with <see cref="Begin"/> has finished (a silo's warm-up of its grains), and no longer once
/// shutdown begins, so a balancer drains it first. Liveness (`/health`) is separate: a warming process is alive.
/// </summary>
public sealed class Readiness
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending = [];
    private bool _started, _stopping;

    /// <summary>A start-up step that must finish before the process is ready; call <see cref="Step.Done"/> when it has.</summary>
    public Step Begin(string what)
    {
        lock (_lock) _pending.Add(what);
        return new Step(this, what);
    }

    public void Started() { lock (_lock) _started = true; }
    public void Stopping() { lock (_lock) _stopping = true; }

    public bool IsReady { get { lock (_lock) return _started && !_stopping && _pending.Count == 0; } }

    /// <summary>Why the process is not ready ("starting", "stopping", or the pending steps), or null when it is.</summary>
    public string? Reason
    {
        get
        {
            lock (_lock)
                return _stopping ? "stopping" : !_started ? "starting" : _pending.Count > 0 ? string.Join(", ", _pending.Order(StringComparer.Ordinal)) : null;
        }
    }

    public sealed class Step(Readiness owner, string what)
    {
        public void Done() { lock (owner._lock) owner._pending.Remove(what); }
    }
}
