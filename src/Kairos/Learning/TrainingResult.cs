using Kairos.Policies;

namespace Kairos.Learning;

/// <summary>What <see cref="PolicyGradientTrainer.Train"/> returns: the policy to use (best held-out objective
/// when held-out evaluation ran, else the last), the last policy, the curve, how the run ended, and with an action
/// budget how it was met (null without one). <see cref="BestHeldOutObjective"/> is the best of many checks on the same
/// episodes, so optimistic; <see cref="FreshHeldOut"/> scores the returned policy on episodes no check has seen.</summary>
public sealed record TrainingResult(NeuralTppPolicy Policy, NeuralTppPolicy FinalPolicy, TrainingCurve Curve,
    int Iterations, bool StoppedEarly, int BestIteration, double BestHeldOutObjective, BudgetOutcome? Budget = null)
{
    /// <summary>The returned policy on fresh held-out episodes (objective with its standard error).</summary>
    public BatchEstimate FreshHeldOut { get; init; }
    public int FreshHeldOutEpisodes { get; init; }
}
