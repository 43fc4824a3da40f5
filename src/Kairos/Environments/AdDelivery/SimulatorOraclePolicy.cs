using Kairos.Decisions;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The shell shared by the reference policies that plan on the ad-delivery simulator itself (<see cref="AdDeliveryOracle"/>,
/// <see cref="AdDeliveryPriorOracle"/>, <see cref="AdDeliveryBayesOracle"/>): choice decisions over a known horizon,
/// states only inside a simulated episode (read through <see cref="IEpisodeAwarePolicy"/>), and a refusal for a live or
/// restored user, which has no simulator behind it.
/// </summary>
public abstract class SimulatorOraclePolicy : IEpisodeAwarePolicy
{
    private readonly string _knows;

    /// <param name="knows">What the policy plans on, for the refusal ("the simulator's laws").</param>
    protected SimulatorOraclePolicy(string kind, string name, string knows, ReadOnlySpan<double> parameters)
    {
        (Kind, Name, _knows) = (kind, name, knows);
        ParameterHash = Decisions.ParameterHash.Of(kind, parameters);
    }

    public string Name { get; }
    public string Kind { get; }
    public DecisionModes Modes => DecisionModes.Choice;
    public bool RequiresHorizon => true;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => throw Refusal();

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => throw Refusal();

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random, IEpisode episode) =>
        episode is AdDeliveryEpisode user
            ? CreateState(user, context.End(Name), random)
            : throw new PolicyContextException($"policy '{Name}' needs an ad-delivery user, not a {episode.GetType().Name}.");

    /// <summary>The state for one simulated user whose window ends at <paramref name="end"/>.</summary>
    protected abstract IPolicyState CreateState(AdDeliveryEpisode user, double end, DecisionRandom random);

    private PolicyContextException Refusal() => new(
        $"policy '{Name}' plans on {_knows} and runs only inside an ad-delivery simulation, not on a live or restored user.");
}
