using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>`toy-switching`: active/idle user revealed by feedback (see <see cref="SwitchingEnvironment"/>).
/// Baselines: "poisson" (constant rate, default the optimum's mean 1.25, or budget/T) and "optimal"
/// (λ = r_s/q_l at the nominal q_l = 0.5: 2 when active, 0.5 when idle; scaled to the budget when given).</summary>
public sealed class SwitchingScenario : IScenario
{
    public const double NominalQIntensity = 0.5;
    public string Name => "toy-switching";
    public string Description => "Toy: a user switches between active (reward 1 per action) and idle (0.25), revealed by feedback.";
    public string PrimaryMetric => "reward";
    public IEnvironment CreateEnvironment() => new SwitchingEnvironment();
    public IReadOnlyList<string> BaselineNames => ["poisson", "optimal"];

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        var env = new SwitchingEnvironment();
        double idle = env.IdleReward / NominalQIntensity, active = env.ActiveReward / NominalQIntensity;
        double mean = (idle + active) / 2, scale = actionBudget is { } b ? b / (mean * env.Spec.Horizon) : 1;
        return name switch
        {
            "poisson" => new ToyRatePolicy(name, mean * scale),
            "optimal" => new ToyRatePolicy(name, idle * scale, active * scale),
            _ => throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}"),
        };
    }
}
