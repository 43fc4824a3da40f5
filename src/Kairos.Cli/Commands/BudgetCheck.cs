using System.Globalization;
using Kairos.Evaluation;
using Kairos.Simulation;

namespace Kairos.Cli.Commands;

/// <summary>Says when the policies of one evaluation act at unequal budgets: a baseline that missed the budget it was
/// tuned to (out of its reach, or tuning noise), a learned policy at another budget than the one the baselines were
/// tuned to (a second policy file trained to another budget), or, with no budget at all, policies whose mean actions
/// differ, so that a comparison at unequal budgets is never silent.</summary>
public static class BudgetCheck
{
    /// <summary>Relative gap between mean actions beyond which the budgets count as unmatched.</summary>
    public const double Tolerance = 0.1;

    /// <summary>The warnings; <paramref name="timing"/> is false where policies decide at opportunities (ad delivery,
    /// sequencing), whose comparison prices actions itself, and only a budget that was set is checked.</summary>
    public static IEnumerable<string> Unmatched(EvaluationResult result, bool timing = true)
    {
        var baselines = result.Scenario.BaselineNames;
        if (result.Budget is { } budget)
        {
            var off = result.Policies.Where(p => Off(p.MeanActions, budget) && !Unbudgeted(result, p)).ToList();
            var missed = off.Where(p => baselines.Contains(p.Policy)).ToList();
            var elsewhere = off.Where(p => !baselines.Contains(p.Policy)).ToList();
            // One line per kind of gap, naming every policy in it (never the same sentence once per policy).
            if (missed.Count > 0)
                yield return Invariant($"budget {budget:G4}: {TookActions(missed)} per episode, not within {Tolerance * 100:G3}% of the budget; ") +
                             (missed.Count == 1 ? "its numbers are" : "their numbers are") + " not comparable at equal budgets";
            if (elsewhere.Count > 0)
                yield return Invariant($"budget {budget:G4}: {TookActions(elsewhere)} per episode, another budget than the baselines were tuned to; ") +
                             (elsewhere.Count == 1 ? "its numbers are" : "their numbers are") + " not comparable to theirs";
            yield break;
        }
        if (!timing || result.Policies.Count < 2) yield break;
        double low = result.Policies.Min(p => p.MeanActions), high = result.Policies.Max(p => p.MeanActions);
        if (Off(low, high))
            yield return Invariant($"budgets are not matched: mean actions per episode range from {low:G4} to {high:G4} ") +
                         $"({string.Join(", ", result.Policies.Select(p => Invariant($"{p.Policy} {p.MeanActions:G4}")))}); " +
                         "pass --match-budget (to the first tpprl policy) or --budget N to compare at equal budgets";
    }

    /// <summary>The baselines that keep their own rate whatever the budget (<see cref="Kairos.Scenarios.IScenario.UnbudgetedBaselines"/>),
    /// each said once, with its mean actions and why; empty without a budget.</summary>
    public static IEnumerable<string> NotTuned(EvaluationResult result) =>
        result.Budget is null ? []
        : result.Policies.Where(p => Unbudgeted(result, p)).Select(p =>
            Invariant($"{p.Policy} is not tuned to the budget ({CliFormat.Count(p.MeanActions, "G4", "action")} per episode): ") + result.Scenario.UnbudgetedBaselines[p.Policy]);

    /// <summary>Whether <paramref name="p"/> ran at the budget the baselines were tuned to: null without a budget; false
    /// for a baseline that keeps its own rate or a policy off the budget by more than <see cref="Tolerance"/>.</summary>
    public static bool? Matched(EvaluationResult result, PolicyEvaluation p) =>
        result.Budget is { } budget ? !Unbudgeted(result, p) && !Off(p.MeanActions, budget) : null;

    /// <summary>What the baselines were tuned to, in words (for the table's caption and the report).</summary>
    public static string Describe(EvaluationResult result) =>
        result.Budget is { } b ? Invariant($"baselines tuned to {CliFormat.Count(b, "G4", "action")} per episode") : "baselines at their default rates";

    /// <summary>"uniform took 0 actions" or "uniform, cram and oracle took 0, 3.5 and 0 actions".</summary>
    private static string TookActions(IReadOnlyList<PolicyEvaluation> policies)
    {
        if (policies.Count == 1) return $"{policies[0].Policy} took {CliFormat.Count(policies[0].MeanActions, "G4", "action")}";
        string names = Series(policies.Select(p => p.Policy).ToList());
        string counts = Series(policies.Select(p => Invariant($"{p.MeanActions:G4}")).ToList());
        return $"{names} took {counts} actions";
    }

    private static string Series(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static bool Unbudgeted(EvaluationResult result, PolicyEvaluation p) => result.Scenario.UnbudgetedBaselines.ContainsKey(p.Policy);

    private static bool Off(double actions, double budget) => Math.Abs(actions - budget) > Tolerance * Math.Abs(budget);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static void WarnUnmatched(CliIO io, EvaluationResult result, bool timing)
    {
        foreach (var message in NotTuned(result)) io.Info("note: " + message);
        foreach (var message in Unmatched(result, timing)) io.Warn(message);
    }
}
