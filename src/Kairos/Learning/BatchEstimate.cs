namespace Kairos.Learning;

/// <summary>Means over a batch (or held-out set) of episodes: reward R, penalty L, objective R − L, number of
/// actions, ∫λ dt, the norm of the gradient estimate before clipping (NaN when none was computed), the reward metric
/// before the action price, and the standard error of the mean number of actions.</summary>
public readonly record struct BatchEstimate(double Reward, double Penalty, double Objective, double Actions,
    double IntensityIntegral, double GradientNorm, double Metric, double ActionsStandardError);
