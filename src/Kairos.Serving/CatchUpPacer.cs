namespace Kairos.Serving;

/// <summary>
/// Paces the catch-up of overdue planned actions (after a restart or a failover) so that they leave at most
/// <see cref="Rate"/> per second, with a burst of one second's worth, oldest first as their timers come up. The generic cell rate algorithm: each reservation takes
/// the next slot 1/rate after the previous one and waits until one second before it. Only
/// <see cref="Lateness.CatchUp"/> emissions take slots: on-time ones leave at once, too-late ones are skipped at once.
/// One pacer per process (the single node's scheduler, or a silo's grains): n silos catch up at up to n × rate.
/// </summary>
public sealed class CatchUpPacer(double rate, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _slot = DateTimeOffset.MinValue;

    /// <summary>Catch-up emissions per second (+∞: unpaced).</summary>
    public double Rate { get; } = rate > 0 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "the catch-up rate must be positive.");

    /// <summary>Takes the next slot and returns how long to wait before emitting in it (zero within the burst).</summary>
    public TimeSpan Reserve()
    {
        if (double.IsPositiveInfinity(Rate)) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var slot = _slot > now ? _slot : now;
            _slot = slot + TimeSpan.FromSeconds(1 / Rate);
            var wait = slot - now - TimeSpan.FromSeconds(1);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }
}
