using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>`toy-switching`: active/idle user revealed by feedback (see <see cref="SwitchingEnvironment"/>), ranked by
/// TPPRL's objective reward − q/2∫λ² at the nominal q = 0.5. Baselines: "poisson" (constant rate, default the
/// optimum's mean 1.25, or budget/T) and "optimal" (λ = r_s/q: 2 when active, 0.5 when idle; never tuned to a budget).
/// `evaluate` matches poisson to a learned policy's mean actions by default.</summary>
public sealed class SwitchingScenario : IScenario
{
    public const double NominalQIntensity = 0.5;
    public string Name => "toy-switching";
    public string Description => "Toy: a user switches between active (reward 1 per action) and idle (0.25), revealed by feedback.";
    public string PrimaryMetric => IntensityCost.Objective;
    public IEnvironment CreateEnvironment() => new SwitchingEnvironment(intensityCost: NominalQIntensity);
    public IReadOnlyList<string> BaselineNames => ["poisson", "optimal"];
    public bool MatchesBudgetByDefault => true;
    public IReadOnlyDictionary<string, string> UnbudgetedBaselines { get; } = new Dictionary<string, string>
    {
        ["optimal"] = "the analytic optimum of reward − q/2∫λ² (q = 0.5: λ = 2 active, 0.5 idle) keeps its own rates; tuning it to a budget would move it off its optimum",
    };

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        var env = new SwitchingEnvironment();
        double idle = env.IdleReward / NominalQIntensity, active = env.ActiveReward / NominalQIntensity;
        double mean = (idle + active) / 2;
        return name switch
        {
            "poisson" => new ToyRatePolicy(name, actionBudget is { } b ? b / env.Spec.Horizon : mean),
            "optimal" => new ToyRatePolicy(name, idle, active),
            _ => throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}"),
        };
    }
}
