using Kairos.Neural;
using Kairos.Numerics;

namespace Kairos.Learning;

/// <summary>Settings of <see cref="PolicyGradientTrainer"/>. Defaults follow the authors' spaced-repetition run
/// (digest §2.4) where they apply: batch 32, lr 0.02/(1 + 0.002 t), clip 1.</summary>
public sealed record TrainerOptions
{
    public int Iterations { get; init; } = 200;
    public int BatchSize { get; init; } = 32;
    /// <summary>Initial learning rate of Adam.</summary>
    public double LearningRate { get; init; } = 0.02;
    /// <summary>Inverse-time decay per update: lr_t = lr₀/(1 + rate·t).</summary>
    public double LearningRateDecay { get; init; } = 0.002;
    /// <summary>Global-norm clip of the gradient.</summary>
    public double ClipNorm { get; init; } = 1.0;
    public RegularizerWeights Regularizers { get; init; } = new(0.5);
    public BaselineKind Baseline { get; init; } = BaselineKind.BatchMean;
    /// <summary>Seed of the run: iteration i uses episodes (SeedSequence.Derive(Seed, i), 0..B−1).</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Threads for episodes (−1 = all cores); results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
    /// <summary>Held-out evaluation every this many iterations (0 = never); the best held-out policy is returned.</summary>
    public int EvaluateEvery { get; init; } = 10;
    /// <summary>Episodes of the fixed held-out seed set.</summary>
    public int HeldOutEpisodes { get; init; } = 64;
    /// <summary>Stop after this many held-out evaluations without improvement (0 = never stop early).</summary>
    public int Patience { get; init; } = 0;
    /// <summary>Write a policy checkpoint every this many iterations into <see cref="CheckpointDirectory"/> (0 = never).</summary>
    public int CheckpointEvery { get; init; } = 0;
    public string? CheckpointDirectory { get; init; }
    /// <summary>Episode metric the trainer maximises (one of the environment's declared metrics); null = the
    /// environment's reward (<see cref="Simulation.IEnvironment.Reward"/>). E.g. spaced repetition's "expected_recall",
    /// the mean of the binary "recall" test: same optimum, lower variance.</summary>
    public string? RewardMetric { get; init; }
    /// <summary>Cost per own action, in reward units, subtracted from the reward: R = metric − ActionCost · actions
    /// (0 = none). A linear budget price; unlike q_l/2 ∫λ² it does not penalise concentrating actions in time.</summary>
    public double ActionCost { get; init; }
    /// <summary>Target mean number of actions per episode N (null = none). The trainer then treats
    /// <see cref="ActionCost"/> as the starting price and moves it by dual ascent (<see cref="BudgetPriceController"/>)
    /// until the batches spend N; held-out checks keep only policies within <see cref="BudgetTolerance"/> of N.</summary>
    public double? ActionBudget { get; init; }
    /// <summary>Relative dual step η of the price under <see cref="ActionBudget"/>.</summary>
    public double BudgetPriceStep { get; init; } = DefaultBudgetPriceStep;
    /// <summary>Relative tolerance on the mean actions for a policy to count as meeting <see cref="ActionBudget"/>.</summary>
    public double BudgetTolerance { get; init; } = 0.05;

    /// <summary>Default η: slow enough that the policy follows the price (it reacts over tens of updates).</summary>
    public const double DefaultBudgetPriceStep = 0.01;

    /// <summary>Largest Adam learning rate accepted: a step of more than 1 per unit-norm gradient only diverges.</summary>
    public const double MaxLearningRate = 1;

    /// <summary>Every invalid setting at once, named by its member (e.g. "LearningRate"). With
    /// <paramref name="metricNames"/>, the environment's episode metrics, an unknown <see cref="RewardMetric"/> is one.</summary>
    public IReadOnlyList<OptionProblem> Problems(IReadOnlyCollection<string>? metricNames = null)
    {
        var c = new OptionChecks()
            .AtLeast(Iterations, 1, nameof(Iterations))
            .AtLeast(BatchSize, 2, nameof(BatchSize))
            .Positive(ClipNorm, nameof(ClipNorm))
            .NonNegative(LearningRateDecay, nameof(LearningRateDecay))
            .NonNegative(Regularizers.QIntensity, nameof(RegularizerWeights.QIntensity))
            .NonNegative(Regularizers.QMark, nameof(RegularizerWeights.QMark))
            .NonNegative(Regularizers.QEntropy, nameof(RegularizerWeights.QEntropy))
            .AtLeast(EvaluateEvery, 0, nameof(EvaluateEvery))
            .AtLeast(HeldOutEpisodes, 1, nameof(HeldOutEpisodes))
            .AtLeast(Patience, 0, nameof(Patience))
            .AtLeast(CheckpointEvery, 0, nameof(CheckpointEvery))
            .NonNegative(ActionCost, nameof(ActionCost))
            .Positive(BudgetPriceStep, nameof(BudgetPriceStep))
            .Threads(MaxDegreeOfParallelism, nameof(MaxDegreeOfParallelism));
        if (!(LearningRate > 0 && LearningRate <= MaxLearningRate))
            c.Add(nameof(LearningRate), $"must lie in (0, {MaxLearningRate}], got {OptionProblem.Fmt(LearningRate)}");
        if (RewardMetric is not null && string.IsNullOrWhiteSpace(RewardMetric))
            c.Add(nameof(RewardMetric), "must name an episode metric, e.g. \"reward\"");
        else if (RewardMetric is Simulation.IntensityCost.Objective or Simulation.IntensityCost.Penalty)
            c.Add(nameof(RewardMetric), $"'{RewardMetric}' already contains the intensity cost q/2 ∫λ² that training charges itself " +
                "(--q-intensity), so training on it would charge the cost twice; train on the reward, e.g. \"reward\"");
        else if (RewardMetric is not null && metricNames is not null) c.OneOf(RewardMetric, metricNames, nameof(RewardMetric), "an episode metric of this environment");
        if (ActionBudget is { } budget) c.Positive(budget, nameof(ActionBudget));
        if (!(BudgetTolerance > 0 && BudgetTolerance < 1))
            c.Add(nameof(BudgetTolerance), $"must lie in (0, 1), got {OptionProblem.Fmt(BudgetTolerance)}");
        if (CheckpointEvery > 0 && string.IsNullOrWhiteSpace(CheckpointDirectory))
            c.Add(nameof(CheckpointDirectory), "is needed when CheckpointEvery > 0");
        return c.Problems;
    }

    /// <summary>Guard: throws <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate() => OptionProblem.ThrowIfAny(Problems(), nameof(TrainerOptions));
}
