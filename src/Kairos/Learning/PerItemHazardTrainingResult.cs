using Kairos.Policies;

namespace Kairos.Learning;

/// <summary>What <see cref="PerItemHazardTrainer.Train"/> returns (as <see cref="TrainingResult"/> for TPPRL).</summary>
public sealed record PerItemHazardTrainingResult(PerItemHazardPolicy Policy, PerItemHazardPolicy FinalPolicy, TrainingCurve Curve,
    int Iterations, bool StoppedEarly, int BestIteration, double BestHeldOutObjective, BudgetOutcome? Budget = null)
{
    public BatchEstimate FreshHeldOut { get; init; }
    public int FreshHeldOutEpisodes { get; init; }
}
