using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>The outcome of an <see cref="EvaluationPlan"/>: per-policy results in the plan's order.</summary>
/// <param name="Budget">Actions per episode the baselines were tuned to, or null when they ran at their default rates.</param>
/// <param name="Horizon">Episode length of the scenario's environment (time units).</param>
public sealed record EvaluationResult(IScenario Scenario, int Episodes, int Seed, double? Budget,
    IReadOnlyList<PolicyEvaluation> Policies, double Horizon);
