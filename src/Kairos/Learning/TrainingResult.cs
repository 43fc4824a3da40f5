using Kairos.Policies;

namespace Kairos.Learning;

/// <summary>What <see cref="PolicyGradientTrainer.Train"/> returns: the policy to use (best held-out objective
/// when held-out evaluation ran, else the last), the last policy, the curve, how the run ended, and with an action
/// budget how it was met (null without one).</summary>
public sealed record TrainingResult(NeuralTppPolicy Policy, NeuralTppPolicy FinalPolicy, TrainingCurve Curve,
    int Iterations, bool StoppedEarly, int BestIteration, double BestHeldOutObjective, BudgetOutcome? Budget = null);
