namespace Kairos.Environments.Broadcasting;

/// <summary>Reference means of the average rank and the time at the top (a uniform Poisson policy's, by convention)
/// that put the two metrics on one scale in <see cref="BroadcastingMetrics.RankAndTop"/>.</summary>
public sealed record BalanceScales
{
    public BalanceScales(double averageRank, double timeAtTop)
    {
        if (!(averageRank > 0) || !double.IsFinite(averageRank))
            throw new ArgumentOutOfRangeException(nameof(averageRank), averageRank, "the reference average rank must be positive and finite");
        if (!(timeAtTop > 0) || !double.IsFinite(timeAtTop))
            throw new ArgumentOutOfRangeException(nameof(timeAtTop), timeAtTop, "the reference time at the top must be positive and finite (a reference policy that never reaches the top cannot scale it)");
        (AverageRank, TimeAtTop) = (averageRank, timeAtTop);
    }

    public double AverageRank { get; }
    public double TimeAtTop { get; }

    /// <summary>No rescaling: the sum time_at_top − avg_rank of the raw metrics.</summary>
    public static BalanceScales Unit { get; } = new(1, 1);
}
