namespace Kairos.Neural.AdDelivery;

/// <summary>A user's log-likelihood split into its parts: the gaps (densities of user events and the survival
/// terms, censoring included), the event types given their gaps, and the feedback values; over
/// <paramref name="Events"/> user events (feedback and opportunities).</summary>
public readonly record struct AdLogLikelihood(double Time, double Type, double Value, int Events)
{
    public double Total => Time + Type + Value;

    public static AdLogLikelihood operator +(AdLogLikelihood a, AdLogLikelihood b) =>
        new(a.Time + b.Time, a.Type + b.Type, a.Value + b.Value, a.Events + b.Events);
}
