using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The group-commit writer commits what is queued as soon as it is queued: a lone write under no load is its own batch
/// at once, on a clock that never moves and with no timer (a writer that waited for a batch to fill or for a batching
/// interval would ask this clock for a timer, or never commit), and the writes that queue while a commit runs are the
/// next batch. Latencies themselves are measured by `kairos loadgen`, not here.
/// </summary>
public class GroupCommitWriterTests
{
    /// <summary>A clock that never moves; a request for a timer is reported, and the timer never fires.</summary>
    private sealed class FrozenTime : TimeProvider
    {
        public readonly TaskCompletionSource TimerRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override long GetTimestamp() => 1_000;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimerRequested.TrySetResult();
            return new NeverFires();
        }

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_lone_write_is_committed_at_once_as_its_own_batch_without_a_timer()
    {
        var time = new FrozenTime();
        var batches = new List<string[]>();
        var timings = new GroupCommitTimings();
        var writer = new GroupCommitWriter<string>(items => batches.Add([.. items]), new BatchSizeStats(), timings: timings, time: time);   // closed only if it works: a writer stuck on a timer never closes
        foreach (var item in new[] { "a", "b" })
        {
            var write = writer.WriteAsync(item);
            var first = await Task.WhenAny(write, time.TimerRequested.Task).WaitAsync(Waits.HangGuard);   // a guard against a hang, not a timing
            Assert.Same(write, first);
            await write;
        }
        Assert.Equal([["a"], ["b"]], batches);
        var (counts, count, sum) = timings.Wait.Read();
        Assert.Equal(2, count);
        Assert.Equal(2, counts[0]);   // no time passed on the writer's clock between queueing and acknowledging
        Assert.Equal(0.0, sum);
        await writer.DisposeAsync();
    }

    /// <summary>A clock that moves only when told to (seconds: one tick per second).</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _now;
        public long Now { get => Interlocked.Read(ref _now); set => Interlocked.Exchange(ref _now, value); }
        public override long GetTimestamp() => Now;
        public override long TimestampFrequency => 1;
    }

    [Fact]
    public async Task A_writes_wait_is_split_into_its_queue_wait_and_its_batchs_commit_on_the_writers_clock()
    {
        var time = new ManualTime { Now = 100 };
        using var hold = new SemaphoreSlim(0);
        using var committing = new SemaphoreSlim(0);
        var timings = new GroupCommitTimings();
        await using var writer = new GroupCommitWriter<string>(items =>
        {
            if (items[0] == "head")
            {
                committing.Release();
                hold.Wait();
            }
            else time.Now += 7;   // the second batch's commit takes 7 s
        }, new BatchSizeStats(), timings: timings, time: time);
        var head = writer.WriteAsync("head");   // taken at once at 100
        await committing.WaitAsync();
        time.Now = 110;
        var request = RequestTiming.Start();
        var second = writer.WriteAsync("second");   // queued at 110 behind head's commit
        time.Now = 113;
        hold.Release();   // head is acknowledged at 113; the writer takes "second" at 113 and acknowledges it at 120
        await head;
        await second;
        Assert.Equal(3.0, request.StoreQueue);
        Assert.Equal(7.0, request.StoreCommit);
        Assert.Equal(0.0, request.StoreResume);   // the clock did not move after the acknowledgement
        Assert.Equal((2, 3.0), Total(timings.Queue));   // head 0, second 3
        Assert.Equal((2, 20.0), Total(timings.Batch));   // head's batch 13, second's 7
        Assert.Equal((2, 23.0), Total(timings.Wait));   // head 13, second 10

        static (long, double) Total(CommitWaitStats stats)
        {
            var (_, count, sum) = stats.Read();
            return (count, sum);
        }
    }

    /// <summary>A committed caller resumes on the writer's acknowledging thread, not through the thread pool's queue
    /// (a writer that completed its callers with asynchronous continuations would resume them on pool threads). The
    /// commit is held until the caller's continuation is registered, so the write cannot finish before it is awaited
    /// (an already-finished task would run its continuation on the caller's own thread, whatever the writer does).</summary>
    [Fact]
    public async Task A_committed_caller_resumes_inline_on_the_acknowledging_thread_not_the_pool()
    {
        using var gate = new SemaphoreSlim(0);
        await using var writer = new GroupCommitWriter<string>(_ => gate.Wait(), new BatchSizeStats());
        var threads = new List<(bool Pool, string? Name)>();
        for (int i = 0; i < 3; i++)
        {
            var write = writer.WriteAsync($"w{i}");
            Assert.False(write.IsCompleted);   // its commit is held at the gate
            var resumed = write.ContinueWith(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            gate.Release();
            threads.Add(await resumed);
        }
        Assert.All(threads, t => Assert.Equal((false, "kairos group commit acknowledgements"), t));
    }

    [Fact]
    public async Task Writes_queued_while_a_commit_runs_are_the_next_batch()
    {
        using var gate = new SemaphoreSlim(0);
        using var committing = new SemaphoreSlim(0);
        var batches = new List<string[]>();
        var stats = new BatchSizeStats();
        await using var writer = new GroupCommitWriter<string>(items =>
        {
            if (batches.Count == 0)
            {
                committing.Release();
                gate.Wait();   // hold the first commit while the next writes queue up
            }
            batches.Add([.. items]);
        }, stats);
        var head = writer.WriteAsync("head");
        await committing.WaitAsync();
        var rest = Enumerable.Range(0, 5).Select(i => writer.WriteAsync($"w{i}")).ToArray();
        gate.Release();
        await head;
        await Task.WhenAll(rest);
        Assert.Equal([["head"], ["w0", "w1", "w2", "w3", "w4"]], batches);
        Assert.Equal(2, stats.Batches);
    }

    [Fact]
    public async Task Closing_commits_what_is_queued_and_refuses_later_writes()
    {
        using var gate = new SemaphoreSlim(0);
        var committed = new List<string>();
        var writer = new GroupCommitWriter<string>(items =>
        {
            if (committed.Count == 0) gate.Wait();
            committed.AddRange(items);
        }, new BatchSizeStats());
        var writes = new[] { writer.WriteAsync("a"), writer.WriteAsync("b") };
        var closing = writer.DisposeAsync().AsTask();
        gate.Release();
        await closing;
        await Task.WhenAll(writes);
        Assert.Equal(["a", "b"], committed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync("c"));
    }
}
