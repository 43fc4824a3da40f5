using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>One point of a budget curve: a baseline tuned to a budget, and what it achieved on the evaluation episodes.</summary>
/// <param name="Budget">Actions per episode the baseline was tuned to.</param>
/// <param name="MeanActions">Actions per episode it took on the evaluation episodes.</param>
/// <param name="Primary">Mean of the scenario's primary metric.</param>
/// <param name="PrimaryStandardError">Standard error of that mean over episodes.</param>
/// <param name="Metrics">Mean of every metric.</param>
/// <param name="Source">The policy file of a learned policy; null for a baseline. A learned policy's budget is the one it
/// was trained to (<see cref="LearnedPolicySpec.Budget"/>), else its own mean actions.</param>
public sealed record BudgetCurvePoint(string Policy, double Budget, double MeanActions, double Primary, double PrimaryStandardError,
    IReadOnlyDictionary<string, double> Metrics, string? Source = null);

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
        int episodes, int threads = -1, IProgressSink? progress = null) =>
        Run(scenario, baselines.Select(b => (PolicySpec)new BaselinePolicySpec(b)).ToList(), budgets, seed, episodes, threads, progress);

    /// <summary>Baselines are tuned to every budget; a learned policy (<see cref="LearnedPolicySpec"/>) has its own
    /// budget, so it is evaluated once, on the same episodes, and contributes one point at its mean actions, under the
    /// budget it was trained to when the spec says (<see cref="LearnedPolicySpec.Budget"/>). Learned policies of one
    /// family (<see cref="EvaluationService.FamilyName"/>), e.g. trained to several budgets, form one line.</summary>
    public static BudgetCurveResult Run(IScenario scenario, IReadOnlyList<PolicySpec> policies, IReadOnlyList<double> budgets, int seed,
        int episodes, int threads = -1, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (budgets.Count == 0) throw new ArgumentException("a budget curve needs at least one budget.", nameof(budgets));
        var specs = policies.OfType<BaselinePolicySpec>().Cast<PolicySpec>().ToList();
        var learned = policies.OfType<LearnedPolicySpec>().Cast<PolicySpec>().ToList();
        var points = new List<BudgetCurvePoint>();
        for (int k = 0; k < budgets.Count && specs.Count > 0; k++)
        {
            var plan = new EvaluationPlan(scenario, specs, BudgetRule.Fixed(budgets[k]), seed, episodes) { Threads = threads };
            var result = EvaluationService.Run(plan, progress is null ? null : new Offset(progress, k * episodes * specs.Count));
            points.AddRange(result.Policies.Select(p => Point(scenario, p, p.Policy, budgets[k], null)));
        }
        if (learned.Count > 0)
        {
            var plan = new EvaluationPlan(scenario, learned, BudgetRule.Unmatched, seed, episodes) { Threads = threads };
            var result = EvaluationService.Run(plan, progress is null ? null : new Offset(progress, budgets.Count * episodes * specs.Count));
            points.AddRange(result.Policies.Select((p, i) =>
                {
                    var spec = (LearnedPolicySpec)learned[i];
                    return Point(scenario, p, EvaluationService.FamilyName(scenario, spec), spec.Budget ?? p.MeanActions, spec.Path);
                })
                .OrderBy(p => p.Policy, StringComparer.Ordinal).ThenBy(p => p.MeanActions));
        }
        return new BudgetCurveResult(scenario, episodes, seed, budgets.ToArray(), points);
    }

    private static BudgetCurvePoint Point(IScenario scenario, PolicyEvaluation p, string name, double budget, string? source)
    {
        var primary = p.Values(scenario.PrimaryMetric);
        double mean = primary.Average();
        double se = primary.Length < 2 ? double.NaN
            : Math.Sqrt(primary.Sum(v => (v - mean) * (v - mean)) / (primary.Length - 1) / primary.Length);
        return new BudgetCurvePoint(name, budget, p.MeanActions, mean, se,
            p.MetricNames.ToDictionary(m => m, m => p.Values(m).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()), source);
    }

    private sealed class Offset(IProgressSink inner, double offset) : IProgressSink
    {
        public void Report(double done, string? status = null) => inner.Report(offset + done, status);
    }
}
