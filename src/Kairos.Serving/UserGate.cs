namespace Kairos.Serving;

/// <summary>
/// A user's asynchronous mutual-exclusion gate, kept in the user's own entry (the base of <see cref="UserEntry"/>)
/// instead of a <see cref="SemaphoreSlim"/> per user: a flag and, only once a second request has had to wait, a queue.
/// A semaphore was two more objects (~90 B) per resident user, and every arriving user's objects are what a gen0
/// collection copies. The gate is free, or held by one request; waiters get it in arrival order, each completed
/// asynchronously (never inline in <see cref="Exit"/>). A waiter whose token is cancelled before the gate reaches it
/// gives up and is skipped; one the gate reached first owns it.
/// </summary>
internal abstract class UserGate
{
    private bool _held;
    private Queue<TaskCompletionSource>? _waiters;

    /// <summary>Takes the gate at once if it is free (the evictor: never waits for a busy user).</summary>
    public bool TryEnter()
    {
        lock (this)
        {
            if (_held) return false;
            _held = true;
            return true;
        }
    }

    /// <summary>Takes the gate, waiting behind the requests that came first.</summary>
    public Task EnterAsync(CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled(ct);
        TaskCompletionSource waiter;
        lock (this)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_waiters ??= new()).Enqueue(waiter);
        }
        return ct.CanBeCanceled ? Waiting(waiter, ct) : waiter.Task;
    }

    private static async Task Waiting(TaskCompletionSource waiter, CancellationToken ct)
    {
        using (ct.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter))
            await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Hands the gate to the first waiter still waiting, or frees it.</summary>
    public void Exit()
    {
        lock (this)
        {
            if (!_held) throw new InvalidOperationException("the user's gate is not held.");
            while (_waiters is { Count: > 0 })
                if (_waiters.Dequeue().TrySetResult()) return;   // still held, now by that waiter
            _held = false;
        }
    }
}
