using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The per-user gate (in the user's entry, replacing a semaphore per user): one holder at a time, waiters served in
/// arrival order, a cancelled waiter skipped without taking the gate, and the evictor's try never waiting. Every wait
/// has a hang guard of minutes; nothing depends on timing.
/// </summary>
public class UserGateTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Waiters_get_the_gate_one_at_a_time_in_arrival_order()
    {
        var gate = new UserEntry("p", "u");
        await gate.EnterAsync();
        var order = new List<int>();
        int inside = 0, most = 0;
        var waiters = Enumerable.Range(0, 50).Select(async i =>
        {
            await gate.EnterAsync();
            most = Math.Max(most, Interlocked.Increment(ref inside));
            order.Add(i);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            gate.Exit();
        }).ToArray();
        Assert.Empty(order);   // all queued behind the holder
        gate.Exit();
        await Task.WhenAll(waiters).WaitAsync(Guard);
        Assert.Equal(Enumerable.Range(0, 50), order);
        Assert.Equal(1, most);
        Assert.True(gate.TryEnter());
    }

    [Fact]
    public async Task Concurrent_holders_never_overlap()
    {
        var gate = new UserEntry("p", "u");
        long counter = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int k = 0; k < 200; k++)
            {
                await gate.EnterAsync();
                try
                {
                    long read = counter;
                    await Task.Yield();   // another holder inside the gate would interleave here and lose an increment
                    counter = read + 1;
                }
                finally { gate.Exit(); }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Guard);
        Assert.Equal(8 * 200, counter);
    }

    [Fact]
    public async Task The_evictors_try_fails_while_held_and_never_waits()
    {
        var gate = new UserEntry("p", "u");
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        var waiter = gate.EnterAsync();
        gate.Exit();   // handed to the waiter: still held
        await waiter.WaitAsync(Guard);
        Assert.False(gate.TryEnter());
        gate.Exit();
        Assert.True(gate.TryEnter());
        gate.Exit();
        Assert.Throws<InvalidOperationException>(gate.Exit);
    }

    [Fact]
    public async Task A_cancelled_waiter_is_skipped_and_the_next_one_gets_the_gate()
    {
        var gate = new UserEntry("p", "u");
        await gate.EnterAsync();
        using var cts = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cts.Token);
        var next = gate.EnterAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Guard));
        Assert.False(next.IsCompleted);   // the holder has not left
        gate.Exit();
        await next.WaitAsync(Guard);
        Assert.False(gate.TryEnter());   // held by the second waiter, not freed for the cancelled one
        gate.Exit();
        Assert.True(gate.TryEnter());
        gate.Exit();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(cts.Token));   // already cancelled
        Assert.True(gate.TryEnter());   // and it took nothing
    }

    [Fact]
    public async Task A_waiter_the_gate_reached_before_its_cancellation_owns_it()
    {
        var gate = new UserEntry("p", "u");
        await gate.EnterAsync();
        using var cts = new CancellationTokenSource();
        var waiter = gate.EnterAsync(cts.Token);
        gate.Exit();
        await waiter.WaitAsync(Guard);
        cts.Cancel();
        Assert.False(gate.TryEnter());
        gate.Exit();
        Assert.True(gate.TryEnter());
    }
}
