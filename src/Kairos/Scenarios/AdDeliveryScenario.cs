using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Scenarios;

/// <summary>`ad-delivery`: synthetic users with latent traits (<see cref="AdDeliveryEnvironment"/>), m = 3 ads, 14
/// days. Baselines: "logging" (the randomized logging policy: an ad with probability <see cref="LoggingActProbability"/>,
/// uniformly among the ads, with its propensities), "always" (the single ad with the best mean utility, at every
/// opportunity), "never", "oracle" (<see cref="AdDeliveryOracle"/>: plans on each user's true traits) and "oracle-prior"
/// (<see cref="AdDeliveryPriorOracle"/>: plans on the true laws with traits drawn from the population, not the user's) and
/// "oracle-bayes" (<see cref="AdDeliveryBayesOracle"/>: the true laws, traits inferred from the user's history). They have no
/// rate to tune, so an action budget does not apply.</summary>
public sealed class AdDeliveryScenario : IScenario
{
    public const double LoggingActProbability = 0.5;
    /// <summary>Episodes on which "always" picks its ad (a stream of the seed that evaluation never uses).</summary>
    public const int AlwaysTuningEpisodes = 400;
    private const long AlwaysSalt = 0x616C7761;   // "alwa"

    public string Name => "ad-delivery";
    public string Description => "Ad delivery (Merkov & Rohde): at each opportunity show one of 3 ads or none; utility = conversion value - ad cost over 14 days. " +
        "Assumes stationarity, SUTVA (no interference between users) and no unobserved confounding.";
    public string PrimaryMetric => "utility";
    public IReadOnlyList<string> BaselineNames => ["logging", "always", "never", "oracle", "oracle-prior", "oracle-bayes"];

    public IEnvironment CreateEnvironment() => new AdDeliveryEnvironment();

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        if (!BaselineNames.Contains(name))
            throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}");
        if (actionBudget is not null)
            throw new UserInputException($"the {Name} baselines are choice policies with no rate to tune; an action budget does not apply to them.");
        return name switch
        {
            "logging" => new RandomChoicePolicy(LoggingActProbability, "logging"),
            "always" => BestSingleAd(new AdDeliveryEnvironment(), seed),
            "never" => new ConstantChoicePolicy(Decision.NoAction, "never"),
            "oracle" => new AdDeliveryOracle(),
            "oracle-prior" => new AdDeliveryPriorOracle(),
            "oracle-bayes" => new AdDeliveryBayesOracle(),
            _ => throw new InvalidOperationException($"baseline '{name}' is listed but not built."),
        };
    }

    /// <summary>"always": the ad whose always-deliver policy has the best mean utility over tuning users.</summary>
    public static ConstantChoicePolicy BestSingleAd(AdDeliveryEnvironment env, int seed)
    {
        int tuning = SeedSequence.Derive(seed, AlwaysSalt);
        var candidates = Enumerable.Range(0, env.Config.AdCount).Select(m => new ConstantChoicePolicy(m, "always")).ToList();
        var results = Evaluator.Evaluate(env, candidates.Cast<IDeliveryPolicy>().ToList(), AlwaysTuningEpisodes, tuning);
        int best = Enumerable.Range(0, candidates.Count).MaxBy(m => results[m].Values("utility").Average());
        return candidates[best];
    }
}
