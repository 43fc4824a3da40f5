using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>`toy-counting`: reward = number of actions over T = 10 (see <see cref="CountingEnvironment"/>), ranked by
/// TPPRL's objective reward − q/2∫λ² at the nominal q = 0.5. Baselines: "poisson" (rate 1/q = 2, the optimum's count,
/// or budget/T) and "optimal" (rate 1/q = 2, the optimum, never tuned to a budget). `evaluate` matches poisson to a
/// learned policy's mean actions by default.</summary>
public sealed class CountingScenario : IScenario
{
    public const double NominalQIntensity = 0.5;
    public string Name => "toy-counting";
    public string Description => "Toy: reward = number of actions in [0, 10]; with cost q/2∫λ² the optimum is λ = 1/q.";
    public string PrimaryMetric => IntensityCost.Objective;
    public IEnvironment CreateEnvironment() => new CountingEnvironment(intensityCost: NominalQIntensity);
    public IReadOnlyList<string> BaselineNames => ["poisson", "optimal"];
    public bool MatchesBudgetByDefault => true;
    public IReadOnlyDictionary<string, string> UnbudgetedBaselines { get; } = new Dictionary<string, string>
    {
        ["optimal"] = "the analytic optimum of reward − q/2∫λ² (q = 0.5) keeps its own rate 2; tuning it to a budget would move it off its optimum",
    };

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        double horizon = 10;
        return name switch
        {
            "poisson" => new ToyRatePolicy(name, actionBudget is { } b ? b / horizon : 1 / NominalQIntensity),
            "optimal" => new ToyRatePolicy(name, 1 / NominalQIntensity),
            _ => throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}"),
        };
    }
}
