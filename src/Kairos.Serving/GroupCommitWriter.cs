using System.Threading.Channels;

namespace Kairos.Serving;

/// <summary>
/// The one writer of a store: callers enqueue items; a single loop drains whatever is queued (up to
/// <see cref="MaxBatch"/>), commits it in one transaction through <c>commit</c>, then completes every caller's task.
/// A caller is therefore acknowledged only after its batch is durable. A batch that fails is committed again one item
/// per transaction, so one bad write (an id a store constraint refuses) fails only its own caller, not its neighbours.
/// </summary>
public sealed class GroupCommitWriter<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _queue;
    private readonly Action<IReadOnlyList<T>> _commit;
    private readonly BatchSizeStats _stats;
    private readonly Task _loop;

    public GroupCommitWriter(Action<IReadOnlyList<T>> commit, BatchSizeStats stats, int capacity = 8192, int maxBatch = 1024)
    {
        _commit = commit;
        _stats = stats;
        MaxBatch = maxBatch;
        _queue = Channel.CreateBounded<(T, TaskCompletionSource)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public int MaxBatch { get; }

    public async Task WriteAsync(T item, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((item, done), ct).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }

    private async Task Loop()
    {
        var batch = new List<(T Item, TaskCompletionSource Done)>(MaxBatch);
        var items = new List<T>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                items.Add(next.Item);
            }
            try
            {
                _commit(items);
                _stats.Record(items.Count);
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception e) when (batch.Count == 1) { batch[0].Done.TrySetException(e); }
            catch (Exception)
            {
                foreach (var (item, done) in batch) CommitAlone(item, done);
            }
        }
    }

    private void CommitAlone(T item, TaskCompletionSource done)
    {
        try
        {
            _commit([item]);
            _stats.Record(1);
            done.TrySetResult();
        }
        catch (Exception e) { done.TrySetException(e); }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
