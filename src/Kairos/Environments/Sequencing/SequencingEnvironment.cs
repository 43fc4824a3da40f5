using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.Pomdp;
using Kairos.Simulation;

namespace Kairos.Environments.Sequencing;

/// <summary>
/// The sequencing POMDP of Rusmevichientong &amp; Van Roy (UAI 2001) as a choice environment. A customer has a latent
/// profile X ~ φ0 and visits at the integer times t = 1, 2, …, <see cref="Visits"/> (the paper's periods); each visit
/// is an opportunity. A policy offers one product u (mark u) or nothing; an offer is bought with probability
/// p_u(X) = 1 − Π_l f_l(X)^{ζ_{u,l}} (digest (1.1)) and reported as the action event with value 1 (purchase) or 0
/// (rejection). A purchase at visit t pays β^{t−1} R_u (digest (1.3)) and ends the episode: the process stops at the
/// first purchase, so no further visits come. A declined visit still costs its period's discount. Over n visits an
/// open-loop policy's mean reward is the value V(π) of its first n offers (digest (1.4)), as in
/// <see cref="PolicySimulator"/>. Feedback z = [1 once the customer has bought, else 0].
/// </summary>
public sealed class SequencingEnvironment : IEnvironment
{
    public static readonly MetricDefinition RewardMetric = new("reward", "reward", MetricDirection.HigherIsBetter,
        "discounted reward β^(t−1) R_u of the purchase at visit t, 0 without a purchase");

    /// <param name="problem">Prior, basis functions, products and β.</param>
    /// <param name="visits">n ≥ 1, the number of visits (e.g. the solver's horizon n(ε)).</param>
    public SequencingEnvironment(SequencingProblem problem, int visits)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        Visits = Require.Positive(visits, nameof(visits));
        Spec = new EpisodeSpec(visits, problem.ProductCount, 1);
    }

    public SequencingProblem Problem { get; }
    public int Visits { get; }
    public string Name => "sequencing";
    public EpisodeSpec Spec { get; }
    public DecisionModes Accepts => DecisionModes.Choice;

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        RewardMetric,
        new("purchases", "purchases", MetricDirection.HigherIsBetter, "1 when the customer bought within the visits, else 0"),
        new("offers", "offers", MetricDirection.Neutral, "products offered (the last one bought, if any)"),
        new("declines", "visits", MetricDirection.Neutral, "visits at which the policy offered nothing"),
    ];

    public MetricDefinition Reward => RewardMetric;

    public IEpisode NewEpisode(Random rng) => new SequencingEpisode(this, rng);
}
