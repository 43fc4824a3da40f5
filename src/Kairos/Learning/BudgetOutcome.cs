namespace Kairos.Learning;

/// <summary>How a run with <see cref="TrainerOptions.ActionBudget"/> ended: the target N, the returned policy's mean
/// actions per episode over the held-out episodes with its standard error, the final dual price per action, and
/// whether the mean lies within <see cref="TrainerOptions.BudgetTolerance"/> of N. <see cref="SelectedActions"/> is the
/// selected check's mean actions before <see cref="BudgetCalibration"/> shifted its log-rate bias by <see cref="BiasShift"/>.</summary>
public sealed record BudgetOutcome(double Budget, double Actions, double ActionsStandardError, int Episodes,
    double Price, double Tolerance, bool Met)
{
    public double SelectedActions { get; init; } = double.NaN;
    public double BiasShift { get; init; }
}
