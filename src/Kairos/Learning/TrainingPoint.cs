namespace Kairos.Learning;

/// <summary>One row of the training curve: the batch means at an iteration, the learning rate used, and the
/// held-out objective when it was evaluated at that iteration (NaN otherwise), and the action price the batch paid.</summary>
public readonly record struct TrainingPoint(int Iteration, double Reward, double Objective, double Actions,
    double LearningRate, double GradientNorm, double HeldOutObjective, double ActionPrice = 0);
