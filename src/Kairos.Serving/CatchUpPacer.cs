namespace Kairos.Serving;

/// <summary>
/// Paces the catch-up of overdue planned actions (after a restart or a failover) so that they leave at most
/// <see cref="Rate"/> per second, with a burst of one second's worth, oldest first as their timers come up. The generic cell rate algorithm: each reservation takes
/// the next slot 1/rate after the previous one and waits until one second before it. Only
/// <see cref="Lateness.CatchUp"/> emissions take slots: on-time ones leave at once, too-late ones are skipped at once.
/// One pacer per process. In a cluster, <paramref name="rate"/> is the cluster's budget and each silo's pacer takes
/// the share <paramref name="rate"/> / <paramref name="members"/>() (the active silos it sees), so n silos together
/// stay within the budget: at most rate · (t + 1) + n catch-ups within any t seconds, as one pacer of the whole rate
/// (rate · (t + 1) + 1), whichever silos hold the overdue users.
/// </summary>
public sealed class CatchUpPacer(double rate, TimeProvider clock, Func<int>? members = null)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _slot = DateTimeOffset.MinValue;

    /// <summary>Catch-up emissions per second of the whole deployment (+∞: unpaced).</summary>
    public double Budget { get; } = rate > 0 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "the catch-up rate must be positive.");

    /// <summary>This process's share of <see cref="Budget"/> now: the budget over the active members (1 on a single node).</summary>
    public double Rate => Budget / Math.Max(1, members?.Invoke() ?? 1);

    /// <summary>Takes the next slot and returns how long to wait before emitting in it (zero within the burst).</summary>
    public TimeSpan Reserve()
    {
        double rate = Rate;
        if (double.IsPositiveInfinity(rate)) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var slot = _slot > now ? _slot : now;
            _slot = slot + TimeSpan.FromSeconds(1 / rate);
            var wait = slot - now - TimeSpan.FromSeconds(1);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }
}
