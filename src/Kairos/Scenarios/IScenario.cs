using Kairos.Learning;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Scenarios;

/// <summary>
/// An environment as the CLI's `train` and `evaluate` see it: a name, the environment with its defaults,
/// the baseline policies that belong to it and the metric that ranks policies. Every implementation is listed in
/// <see cref="ScenarioCatalog"/>.
/// </summary>
public interface IScenario
{
    /// <summary>CLI name, kebab-case (e.g. "spaced-repetition").</summary>
    string Name { get; }
    string Description { get; }
    /// <summary>Metric (a key of the episode metrics) that ranks policies, e.g. "recall".</summary>
    string PrimaryMetric { get; }
    IEnvironment CreateEnvironment();
    /// <summary>Names accepted by <see cref="CreateBaseline"/>, in display order.</summary>
    IReadOnlyList<string> BaselineNames { get; }
    /// <summary>A baseline policy. When <paramref name="actionBudget"/> is given, the baseline's rate is tuned
    /// (e.g. by bisection over <paramref name="seed"/>-seeded tuning episodes) so its mean number of actions
    /// per episode matches the budget. Unknown names throw <see cref="UserInputException"/> listing valid ones.</summary>
    IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed);
    /// <summary>Extra per-event inputs for learned policies (e.g. <see cref="ElapsedTimeFeatures"/>), or null.
    /// A TPPRL policy trained on this scenario appends them to the feedback vector z_k.</summary>
    IEventFeatures? EventFeatures => null;
    /// <summary>Per-mark features of the observed history for a learned policy's mark head (<see cref="IItemFeatures"/>),
    /// or null.</summary>
    IItemFeatures? ItemFeatures => null;
    /// <summary>Settings `kairos train` uses for a TPPRL policy on this scenario unless overridden (and whether
    /// `evaluate` matches baselines to it), or null for the generic defaults.</summary>
    TrainingDefaults? TrainingDefaults => null;
    /// <summary>Whether `evaluate` tunes the baselines to the first learned policy's mean actions per episode unless a
    /// budget is given (TPPRL's protocol); by default when the training defaults ask for it.</summary>
    bool MatchesBudgetByDefault => TrainingDefaults?.MatchBaselines ?? false;
    /// <summary>Baselines that keep their own rate whatever the budget, each with the reason (e.g. the analytic optimum of
    /// the objective, which tuning would move off its optimum); every output that reports budgets says so.</summary>
    IReadOnlyDictionary<string, string> UnbudgetedBaselines => new Dictionary<string, string>();
    /// <summary>Scenarios with the same episodes under the same seed (same users, same outcomes for the same actions)
    /// that differ only in what a learned policy observes. `evaluate` runs a policy trained on one of them on that
    /// scenario's environment, beside this scenario's policies, on the same episodes.</summary>
    IReadOnlyList<string> SameEpisodeScenarios => [];
    /// <summary>The same-episode scenario <paramref name="name"/> (one of <see cref="SameEpisodeScenarios"/>) with this
    /// scenario's settings (e.g. fitted model parameters), on which a policy trained there is evaluated.</summary>
    IScenario SameEpisodeScenario(string name) => SameEpisodeScenarios.Contains(name) ? ScenarioCatalog.Get(name)
        : throw new ArgumentException($"'{name}' is not a same-episode scenario of '{Name}'.", nameof(name));
}
