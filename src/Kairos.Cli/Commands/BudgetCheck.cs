using System.Globalization;
using Kairos.Evaluation;

namespace Kairos.Cli.Commands;

/// <summary>Says when a baseline tuned to a budget missed it on the evaluation episodes (a budget out of the baseline's
/// reach, or tuning noise), so that a comparison at unequal budgets is never silent.</summary>
public static class BudgetCheck
{
    /// <summary>Relative gap between a baseline's mean actions and the budget beyond which the budgets count as unmatched.</summary>
    public const double Tolerance = 0.1;

    public static IEnumerable<string> Unmatched(EvaluationResult result)
    {
        if (result.Budget is not { } budget) yield break;
        foreach (var p in result.Policies.Where(p => result.Scenario.BaselineNames.Contains(p.Policy)))
            if (Math.Abs(p.MeanActions - budget) > Tolerance * budget)
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"--budget {budget:G4}: {p.Policy} took {p.MeanActions:G4} actions per episode, not within {Tolerance * 100:G3}% of the budget; its numbers are not comparable at equal budgets");
    }

    public static void WarnUnmatched(CliIO io, EvaluationResult result)
    {
        foreach (var message in Unmatched(result)) io.Warn(message);
    }
}
