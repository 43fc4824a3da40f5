using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>`toy-counting`: reward = number of actions over T = 10 (see <see cref="CountingEnvironment"/>).
/// Baselines: "poisson" (rate 1, or budget/T) and "optimal" (rate 1/q_l at the nominal q_l = 0.5, i.e. 2).</summary>
public sealed class CountingScenario : IScenario
{
    public const double NominalQIntensity = 0.5;
    public string Name => "toy-counting";
    public string Description => "Toy: reward = number of actions in [0, 10]; with cost q/2∫λ² the optimum is λ = 1/q.";
    public string PrimaryMetric => "reward";
    public IEnvironment CreateEnvironment() => new CountingEnvironment();
    public IReadOnlyList<string> BaselineNames => ["poisson", "optimal"];

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        double horizon = 10;
        return name switch
        {
            "poisson" => new ToyRatePolicy(name, actionBudget is { } b ? b / horizon : 1.0),
            "optimal" => new ToyRatePolicy(name, actionBudget is { } b ? b / horizon : 1 / NominalQIntensity),
            _ => throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}"),
        };
    }
}
