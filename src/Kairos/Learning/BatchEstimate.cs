namespace Kairos.Learning;

/// <summary>Means over a batch (or held-out set) of episodes: reward R, penalty L, objective R − L, number of
/// actions, ∫λ dt, the norm of the gradient estimate before clipping (NaN when none was computed), the reward metric
/// before the action price, and the standard errors of the mean number of actions and of the mean objective.</summary>
public readonly record struct BatchEstimate(double Reward, double Penalty, double Objective, double Actions,
    double IntensityIntegral, double GradientNorm, double Metric, double ActionsStandardError,
    double ObjectiveStandardError = double.NaN)
{
    /// <summary>The normal-approximation 95% confidence interval of the mean objective.</summary>
    public (double Low, double High) ObjectiveInterval95 => (Objective - 1.96 * ObjectiveStandardError, Objective + 1.96 * ObjectiveStandardError);
}
