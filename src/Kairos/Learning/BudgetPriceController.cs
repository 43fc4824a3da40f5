namespace Kairos.Learning;

/// <summary>
/// Dual ascent on the action price p for the constraint E[actions per episode] = N. The trainer maximises the
/// Lagrangian E[metric − L] − p (E[actions] − N), i.e. the reward metric − p·actions, and after every batch
/// moves the multiplier against the constraint's residual (Boyd &amp; Vandenberghe §5.5, dual (sub)gradient ascent):
/// p ← p + η·s·clip((Ā − N)/N, ±1), with Ā the batch's mean actions (the clip keeps a far-off start from
/// overshooting while the policy lags behind the price). The step is made scale-free by s = m̄/N, a running
/// mean of |metric| per budgeted action (the price of an action is of the order of the reward one action earns), so one
/// η fits counting toys, recall and ranks. The price may go below zero (a subsidy) when N is above what the policy
/// would spend for free.
/// </summary>
public sealed class BudgetPriceController
{
    private double _scale = double.NaN;

    /// <param name="budget">N, actions per episode (finite, > 0).</param>
    /// <param name="initialPrice">p₀, e.g. the scenario's action cost.</param>
    /// <param name="step">η, the relative step (finite, > 0).</param>
    public BudgetPriceController(double budget, double initialPrice, double step)
    {
        if (!(budget > 0 && double.IsFinite(budget))) throw new ArgumentOutOfRangeException(nameof(budget), budget, "must be finite and > 0");
        if (!(step > 0 && double.IsFinite(step))) throw new ArgumentOutOfRangeException(nameof(step), step, "must be finite and > 0");
        if (!double.IsFinite(initialPrice)) throw new ArgumentOutOfRangeException(nameof(initialPrice), initialPrice, "must be finite");
        Budget = budget;
        Step = step;
        Price = initialPrice;
    }

    public double Budget { get; }
    public double Step { get; }
    /// <summary>The current price per action, in reward units.</summary>
    public double Price { get; private set; }

    /// <summary>One dual step after a batch with mean actions <paramref name="meanActions"/> and mean reward metric
    /// <paramref name="meanMetric"/> (before the price).</summary>
    public void Update(double meanActions, double meanMetric)
    {
        double m = Math.Abs(meanMetric);
        if (double.IsFinite(m)) _scale = double.IsNaN(_scale) ? m : 0.9 * _scale + 0.1 * m;
        double s = (_scale > 0 ? _scale : 1) / Budget;
        Price += Step * s * Math.Clamp((meanActions - Budget) / Budget, -1, 1);
    }

    /// <summary>True when <paramref name="meanActions"/> is within the relative <paramref name="tolerance"/> of N.</summary>
    public bool Meets(double meanActions, double tolerance) => Math.Abs(meanActions - Budget) <= tolerance * Budget;
}
