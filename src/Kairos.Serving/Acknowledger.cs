namespace Kairos.Serving;

/// <summary>
/// A thread of its own that completes the group-commit writer's callers once their batch is committed. A caller's
/// continuation (the rest of its request: the engine's bookkeeping, the answer, the metrics) runs inline on this
/// thread, so an acknowledged request does not wait behind the thread pool's backlog for a worker, and the writer is
/// free to start its next commit meanwhile. Callers must not block on another write from that continuation.
/// </summary>
internal sealed class Acknowledger
{
    private readonly object _gate = new();
    private List<(TaskCompletionSource Done, Exception? Error)> _pending = [], _running = [];
    private bool _closed;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Acknowledger(string name) => new Thread(Loop) { IsBackground = true, Name = name }.Start();

    /// <summary>Completes when every posted completion has run and <see cref="Close"/> was called.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Hands over completions (null error: success), to run in the order given.</summary>
    public void Post(List<(TaskCompletionSource Done, Exception? Error)> completions)
    {
        lock (_gate)
        {
            bool idle = _pending.Count == 0;
            _pending.AddRange(completions);
            if (idle) Monitor.Pulse(_gate);
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_pending.Count == 0 && !_closed) Monitor.Wait(_gate);
                if (_pending.Count == 0) break;   // closed and drained
                (_pending, _running) = (_running, _pending);
            }
            foreach (var (done, error) in _running)
            {
                try
                {
                    if (error is null) done.TrySetResult();
                    else done.TrySetException(error);
                }
                catch (Exception) { }   // a continuation's failure belongs to its own task; keep acknowledging the rest
            }
            _running.Clear();
        }
        _stopped.TrySetResult();
    }
}
