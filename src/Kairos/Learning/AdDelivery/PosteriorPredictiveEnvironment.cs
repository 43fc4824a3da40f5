using Kairos.Decisions;
using Kairos.Neural.AdDelivery;
using Kairos.Simulation;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// The fitted model as a simulator (choice decisions only): each episode is one new user, drawn from the posterior
/// predictive: a posterior member first (uniformly; the MAP alone for a plug-in model), then the user's feedback and
/// opportunities from it, exactly, on [0, <see cref="AdModel.Horizon"/>], answering each decision. Utility =
/// conversion value − the costs of the ads delivered (docs/ad-delivery.md).
/// </summary>
public sealed class PosteriorPredictiveEnvironment(AdModel model, IReadOnlyList<double> costs) : IEnvironment
{
    /// <summary>Every ad at cost <paramref name="actionCost"/>.</summary>
    public PosteriorPredictiveEnvironment(AdModel model, double actionCost) : this(model, Enumerable.Repeat(actionCost, model.Layout.Ads).ToArray()) { }

    public static readonly MetricDefinition UtilityMetric = new("utility", "value", MetricDirection.HigherIsBetter,
        "conversion value − cost of the ads delivered, per user");

    public AdModel Model { get; } = model;
    /// <summary>Cost of ad d (index d − 1).</summary>
    public IReadOnlyList<double> Costs { get; } = costs.Count == model.Layout.Ads && costs.All(c => c >= 0 && double.IsFinite(c)) ? costs.ToArray()
        : throw new ArgumentOutOfRangeException(nameof(costs), $"the costs must be {model.Layout.Ads} finite numbers >= 0.");
    public string Name => "ad-model";
    public EpisodeSpec Spec => new(Model.Horizon, Model.Layout.Ads, 0, Model.TimeUnit);
    public DecisionModes Accepts => DecisionModes.Choice;

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        UtilityMetric,
        new("value", "value", MetricDirection.HigherIsBetter, "conversion value"),
        new("conversions", "conversions", MetricDirection.HigherIsBetter, "conversions"),
        new("actions", "ads", MetricDirection.Neutral, "ads delivered"),
        new("opportunities", "opportunities", MetricDirection.Neutral, "opportunities"),
    ];

    public MetricDefinition Reward => UtilityMetric;

    public IEpisode NewEpisode(Random rng) => new PosteriorPredictiveEpisode(this, Model.Posterior[rng.Next(Model.Posterior.Count)], rng);
}
