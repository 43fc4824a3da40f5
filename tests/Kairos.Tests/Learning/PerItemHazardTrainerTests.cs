using Kairos.Evaluation;
using Kairos.Learning;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Tests.Learning;

/// <summary>Per-item TPPRL training on the FSRS memory scenario: bit-identical for any thread count, lands the budget
/// through the bias calibration, and the file it writes evaluates beside the baselines under its family name.</summary>
public sealed class PerItemHazardTrainerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-per-item-train-");
    public void Dispose() => _dir.Delete(recursive: true);

    private static readonly FsrsSpacedRepetitionScenario Memory = new(memory: true);

    private static TrainerOptions Options(int threads) => new()
    {
        Iterations = 3, BatchSize = 4, LearningRate = 0.05, EvaluateEvery = 3, HeldOutEpisodes = 6, Seed = 5,
        RewardMetric = "expected_recall", ActionBudget = 60, ActionCost = 1e-4, MaxDegreeOfParallelism = threads,
    };

    private static PerItemHazardPolicy Start() =>
        PerItemHazardPolicy.Initialize(Memory.CreateEnvironment().Spec.Context, Memory.ItemFeatures!, initialRate: 90.0 / 14, sharpness: 10);

    [Fact]
    public void Batch_gradient_is_bit_identical_for_any_thread_count()
    {
        double[] Gradient(int threads)
        {
            var g = new double[Start().Layout.Length];
            new PerItemHazardTrainer(Memory.CreateEnvironment(), Options(threads)).EstimateGradient(Start(), 17, 1e-4, g);
            return g;
        }
        var one = Gradient(1);
        Assert.Equal(one, Gradient(2));
        Assert.Contains(one, g => g != 0);
    }

    [Fact]
    public void Training_lands_the_budget_and_evaluates_under_its_family_name()
    {
        var one = new PerItemHazardTrainer(Memory.CreateEnvironment(), Options(-1)).Train(Start());
        Assert.NotEqual(one.FinalPolicy.Parameters.ToArray(), Start().Parameters.ToArray());
        var budget = one.Budget!;
        Assert.True(budget.SelectedActions > 70, $"the start spends ~90, the kept check {budget.SelectedActions}");
        Assert.InRange(budget.Actions, 57, 63);
        Assert.True(budget.BiasShift < 0);

        string path = Path.Combine(_dir.FullName, "per-item.json");
        PerItemHazardPolicyFile.Save(one.Policy, path, Memory.Name);
        var plan = new EvaluationPlan(new FsrsSpacedRepetitionScenario(), [new LearnedPolicySpec(path), new BaselinePolicySpec("uniform")],
            BudgetRule.Unmatched, Seed: 4, Episodes: 6) { Threads = 1 };
        var result = EvaluationService.Run(plan);
        Assert.Equal("tpprl-per-item-memory", result.Policies[0].Policy);
        Assert.InRange(result.Policies[0].MeanActions, 40, 80);
    }
}
