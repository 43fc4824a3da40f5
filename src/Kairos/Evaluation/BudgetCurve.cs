using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>One point of a budget curve: a baseline tuned to a budget, and what it achieved on the evaluation episodes.</summary>
/// <param name="Budget">Actions per episode the baseline was tuned to.</param>
/// <param name="MeanActions">Actions per episode it took on the evaluation episodes.</param>
/// <param name="Primary">Mean of the scenario's primary metric.</param>
/// <param name="PrimaryStandardError">Standard error of that mean over episodes.</param>
/// <param name="Metrics">Mean of every metric.</param>
public sealed record BudgetCurvePoint(string Policy, double Budget, double MeanActions, double Primary, double PrimaryStandardError,
    IReadOnlyDictionary<string, double> Metrics);

/// <summary>Primary metric against actions per episode, for each policy, over several budgets.</summary>
public sealed record BudgetCurveResult(IScenario Scenario, int Episodes, int Seed, IReadOnlyList<double> Budgets,
    IReadOnlyList<BudgetCurvePoint> Points)
{
    public IEnumerable<IGrouping<string, BudgetCurvePoint>> ByPolicy => Points.GroupBy(p => p.Policy);
}

/// <summary>
/// Budget curves: for each budget, one <see cref="EvaluationPlan"/> with the baselines tuned to it
/// (<see cref="BudgetRule.Fixed"/>), all on the same episodes. One budget is one point; a comparison of schedules
/// needs the curve (a policy can win at small budgets and lose at large ones).
/// </summary>
public static class BudgetCurve
{
    public static BudgetCurveResult Run(IScenario scenario, IReadOnlyList<string> baselines, IReadOnlyList<double> budgets, int seed,
        int episodes, int threads = -1, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (budgets.Count == 0) throw new ArgumentException("a budget curve needs at least one budget.", nameof(budgets));
        var specs = baselines.Select(b => (PolicySpec)new BaselinePolicySpec(b)).ToList();
        var points = new List<BudgetCurvePoint>();
        for (int k = 0; k < budgets.Count; k++)
        {
            var plan = new EvaluationPlan(scenario, specs, BudgetRule.Fixed(budgets[k]), seed, episodes) { Threads = threads };
            var result = EvaluationService.Run(plan, progress is null ? null : new Offset(progress, k * episodes * specs.Count));
            foreach (var p in result.Policies)
            {
                var primary = p.Values(scenario.PrimaryMetric);
                double mean = primary.Average();
                double se = primary.Length < 2 ? double.NaN
                    : Math.Sqrt(primary.Sum(v => (v - mean) * (v - mean)) / (primary.Length - 1) / primary.Length);
                points.Add(new BudgetCurvePoint(p.Policy, budgets[k], p.MeanActions, mean, se,
                    p.MetricNames.ToDictionary(m => m, m => p.Values(m).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())));
            }
        }
        return new BudgetCurveResult(scenario, episodes, seed, budgets.ToArray(), points);
    }

    private sealed class Offset(IProgressSink inner, double offset) : IProgressSink
    {
        public void Report(double done, string? status = null) => inner.Report(offset + done, status);
    }
}
