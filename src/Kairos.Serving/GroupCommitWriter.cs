namespace Kairos.Serving;

/// <summary>
/// The one writer of a store: callers enqueue items; a dedicated thread takes everything queued (up to
/// <see cref="MaxBatch"/>), commits it in one transaction through <c>commit</c>, then completes every caller's task.
/// A caller is therefore acknowledged only after its batch is durable. There is no batching delay: the thread sleeps
/// only while the queue is empty and the write that fills it wakes the thread directly, so a lone write is committed
/// at once and each batch is what queued while the previous commit ran. The thread is the writer's own: its wake-up
/// does not wait behind the requests' work in the thread pool's queue, and its blocking commits take no pool thread.
/// Committed callers are completed by a second thread of its own (<see cref="Acknowledger"/>), on which their
/// continuations run inline: no hop through the thread pool's queue between the commit and the answer.
/// A batch that fails is committed again one item per transaction, so one bad write (an id a store constraint
/// refuses) fails only its own caller, not its neighbours. Each write's wait (queued until committed) and its parts
/// are recorded in <see cref="GroupCommitTimings"/> on <c>time</c>'s clock, and added to the caller's
/// <see cref="RequestTiming"/> when there is one. <c>betweenBatches</c>, when given, runs on the writer's thread after
/// each batch's callers were handed to the acknowledger and before the next batch is taken: work that must not
/// interleave with a commit (the SQLite store restarts its WAL there).
/// </summary>
public sealed class GroupCommitWriter<T> : IAsyncDisposable
{
    private readonly record struct Pending(T Item, Waiter Done, long Queued);

    /// <summary>A caller's completion, stamped when the writer took it and when it acknowledged it. Its continuation
    /// runs inline on the <see cref="Acknowledger"/>'s thread.</summary>
    private sealed class Waiter : TaskCompletionSource
    {
        public long Taken, Acknowledged;
    }

    private readonly object _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _closed;
    private readonly SemaphoreSlim _space;
    private readonly Action<IReadOnlyList<T>> _commit;
    private readonly BatchSizeStats _stats;
    private readonly GroupCommitTimings? _timings;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Acknowledger _acknowledger = new("kairos group commit acknowledgements");
    private readonly List<(TaskCompletionSource, Exception?)> _completions = [];
    private readonly Action? _betweenBatches;

    public GroupCommitWriter(Action<IReadOnlyList<T>> commit, BatchSizeStats stats, int capacity = 8192, int maxBatch = 1024,
        GroupCommitTimings? timings = null, TimeProvider? time = null, Action? betweenBatches = null)
    {
        _betweenBatches = betweenBatches;
        _commit = commit;
        _stats = stats;
        _timings = timings;
        _time = time ?? TimeProvider.System;
        MaxBatch = maxBatch;
        _space = new SemaphoreSlim(capacity, capacity);
        new Thread(Loop) { IsBackground = true, Name = "kairos group commit" }.Start();
    }

    public int MaxBatch { get; }

    public async Task WriteAsync(T item, CancellationToken ct = default)
    {
        await _space.WaitAsync(ct).ConfigureAwait(false);
        var done = new Waiter();
        long queued;
        lock (_gate)
        {
            if (_closed)
            {
                _space.Release();
                throw new ObjectDisposedException(nameof(GroupCommitWriter<T>), "the store's writer is closed.");
            }
            queued = _time.GetTimestamp();
            _queue.Enqueue(new Pending(item, done, queued));
            if (_queue.Count == 1) Monitor.Pulse(_gate);   // the thread waits only on an empty queue
        }
        await done.Task.ConfigureAwait(false);
        Resumed(done, queued);
    }

    /// <summary>Records the parts of a committed write's wait, on the caller's flow once it runs again.</summary>
    private void Resumed(Waiter done, long queued)
    {
        double queue = _time.GetElapsedTime(queued, done.Taken).TotalSeconds;
        double commit = _time.GetElapsedTime(done.Taken, done.Acknowledged).TotalSeconds;
        double resume = _time.GetElapsedTime(done.Acknowledged).TotalSeconds;
        _timings?.Queue.Record(queue);
        _timings?.Resume.Record(resume);
        if (RequestTiming.Current is { } request)
        {
            request.StoreQueue += queue;
            request.StoreCommit += commit;
            request.StoreResume += resume;
        }
    }

    private void Loop()
    {
        var batch = new List<Pending>(MaxBatch);
        var items = new List<T>(MaxBatch);
        while (true)
        {
            batch.Clear();
            items.Clear();
            lock (_gate)
            {
                while (_queue.Count == 0 && !_closed) Monitor.Wait(_gate);
                if (_queue.Count == 0) break;   // closed and drained
                long taken = _time.GetTimestamp();
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    next.Done.Taken = taken;
                    batch.Add(next);
                    items.Add(next.Item);
                }
            }
            _space.Release(batch.Count);
            try
            {
                _commit(items);
                _stats.Record(items.Count);
                foreach (var p in batch) Acknowledge(p);
                _timings?.Batch.Record(_time.GetElapsedTime(batch[0].Done.Taken).TotalSeconds);
            }
            catch (Exception e) when (batch.Count == 1) { _completions.Add((batch[0].Done, e)); }
            catch (Exception)
            {
                foreach (var p in batch) CommitAlone(p);
            }
            _acknowledger.Post(_completions);
            _completions.Clear();
            _betweenBatches?.Invoke();
        }
        _acknowledger.Close();
        _acknowledger.Stopped.ContinueWith(_ => _stopped.TrySetResult(), TaskScheduler.Default);
    }

    private void CommitAlone(Pending p)
    {
        try
        {
            _commit([p.Item]);
            _stats.Record(1);
            Acknowledge(p);
        }
        catch (Exception e) { _completions.Add((p.Done, e)); }
    }

    private void Acknowledge(Pending p)
    {
        long now = _time.GetTimestamp();
        p.Done.Acknowledged = now;
        _timings?.Wait.Record(_time.GetElapsedTime(p.Queued, now).TotalSeconds);
        _completions.Add((p.Done, null));
    }

    /// <summary>Commits what is queued, then stops the thread; later writes fail.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }
        await _stopped.Task.ConfigureAwait(false);
    }
}
