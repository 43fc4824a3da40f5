namespace Kairos.Evaluation.Broadcasting;

/// <summary>One policy on one broadcaster's test window: mean posts, mean metrics over the runs, each metric divided
/// by the uniform Poisson run's at the same budget, and how its budget was met.</summary>
/// <param name="Knob">RedQueen's bisected weight (u = weight·z₀), Poisson's rate, or null.</param>
/// <param name="BudgetEvaluations">Bisection steps (RedQueen), else 0.</param>
public sealed record PolicyOutcome(string Policy, double Posts, IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double> Ratios, double? Knob, int BudgetEvaluations);

/// <summary>All policies on one broadcaster (<paramref name="User"/> = world index or broadcaster id).</summary>
/// <param name="Budget">Posts per window the baselines were matched to.</param>
public sealed record BroadcasterResult(string User, string Feed, double Horizon, int Followers, double Budget,
    IReadOnlyList<PolicyOutcome> Policies);
