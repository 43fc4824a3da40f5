using Kairos.Environments.Broadcasting;
using Kairos.Learning;
using Kairos.Neural;

namespace Kairos.Evaluation.Broadcasting;

/// <summary>How one broadcaster is evaluated: the feed, the test runs per policy (the authors' 25), the budget the
/// baselines are matched to when no TPPRL policy sets it, and the TPPRL training settings (digest §2.4: batch 16,
/// lr 0.01/(1 + 0.001 t), clip 1, hidden 8; the intensity cost q is ours, in this environment's units).</summary>
public sealed record BroadcastingSettings
{
    public FeedKind Feed { get; init; } = FeedKind.Prioritized;
    public int Runs { get; init; } = 25;
    /// <summary>Posts per window for the baselines when no TPPRL policy is evaluated.</summary>
    public double DefaultBudget { get; init; } = 5;
    public int Seed { get; init; } = 1;
    public int Threads { get; init; } = -1;
    /// <summary>Posts per window the baselines are matched to instead of the first TPPRL policy's (null: TPPRL's).</summary>
    public double? FixedBudget { get; init; }
    public int Iterations { get; init; } = 300;
    /// <summary>Posts per window TPPRL is trained to (<see cref="TrainerOptions.ActionBudget"/>: dual ascent on a
    /// price per post, starting at <see cref="InitialPostPrice"/>), so that every broadcaster's policy spends the same
    /// budget by construction; null = no constraint, the posts follow from <see cref="QIntensity"/>.</summary>
    public double? TrainBudget { get; init; } = 5;
    /// <summary>Starting price per post (reward units) under <see cref="TrainBudget"/>.</summary>
    public double InitialPostPrice { get; init; }
    /// <summary>Relative dual step of the post price under <see cref="TrainBudget"/>.</summary>
    public double BudgetStep { get; init; } = TrainerOptions.DefaultBudgetPriceStep;
    public int Hidden { get; init; } = 8;
    public BaselineKind Baseline { get; init; } = BaselineKind.BatchMean;
    public int BatchSize { get; init; } = 16;
    public double LearningRate { get; init; } = 0.01;
    public double LearningRateDecay { get; init; } = 0.001;
    /// <summary>q of the intensity cost q/2 ∫u² dt (u in posts per time unit); 0 by default: the post budget
    /// (<see cref="TrainBudget"/>) prices posts linearly instead, which lets the policy post in bursts.</summary>
    public double QIntensity { get; init; }
    /// <summary>Rate of the near-Poisson initial policy, in posts per window.</summary>
    public double InitialPosts { get; init; } = 5;
    /// <summary>The metric TPPRL maximises: rank_and_top by default (time at the top and average rank, each in units
    /// of a uniform Poisson run; trained on one of them alone, the policy loses the other to RedQueen;
    /// docs/broadcasting.md).</summary>
    public string RewardMetric { get; init; } = BroadcastingMetrics.RankAndTop;
    /// <summary>Tuning episodes and relative tolerance of the RedQueen budget bisection.</summary>
    public int TuningEpisodes { get; init; } = 25;
    public double Tolerance { get; init; } = 0.02;

    public TrainerOptions Trainer(int seed, int threads) => new()
    {
        Iterations = Iterations, BatchSize = BatchSize, LearningRate = LearningRate, LearningRateDecay = LearningRateDecay,
        Regularizers = new RegularizerWeights(QIntensity), Seed = seed, MaxDegreeOfParallelism = threads, EvaluateEvery = 0,
        RewardMetric = RewardMetric, Baseline = Baseline,
        ActionBudget = TrainBudget, ActionCost = TrainBudget is null ? 0 : InitialPostPrice, BudgetPriceStep = BudgetStep,
    };
}
