using Kairos.Decisions;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// `ad-delivery`: synthetic users (<see cref="AdDeliveryEpisode"/>) whose opportunities ask for a decision: no ad or
/// one of m ads. Utility = conversion value − ad cost over the horizon. Choice decisions only; no feedback vector
/// (the events carry kind, mark and value).
/// </summary>
public sealed class AdDeliveryEnvironment(AdDeliveryConfig? config = null) : IEnvironment
{
    public AdDeliveryConfig Config { get; } = config ?? AdDeliveryConfig.Default;

    public string Name => "ad-delivery";
    public EpisodeSpec Spec => new(Config.Horizon, Config.AdCount, 0, "days");
    public DecisionModes Accepts => DecisionModes.Choice;

    public static MetricDefinition Utility { get; } =
        new("utility", "value", MetricDirection.HigherIsBetter, "Conversion value minus ad cost over the horizon.");

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        Utility,
        new("conversions", "count", MetricDirection.HigherIsBetter, "Conversions (baseline and ad-induced)."),
        new("value", "value", MetricDirection.HigherIsBetter, "Total conversion value."),
        new("cost", "value", MetricDirection.LowerIsBetter, "Total cost of the delivered ads."),
        new("clicks", "count", MetricDirection.Neutral, "Clicks on delivered ads."),
        new("opportunities", "count", MetricDirection.Neutral, "Opportunities to act (the same for every policy)."),
    ];

    public MetricDefinition Reward => Utility;

    /// <summary>A user keyed by the first draw of <paramref name="rng"/>; nothing else is drawn from it.</summary>
    public IEpisode NewEpisode(Random rng) => new AdDeliveryEpisode(Config, (ulong)rng.NextInt64());
}
