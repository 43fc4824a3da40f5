using Kairos.Learning;
using Kairos.Neural;

namespace Kairos.Tests.Learning;

public sealed class TrainerOptionsTests
{
    [Fact]
    public void Problems_ListsEveryInvalidSettingByMember()
    {
        var options = new TrainerOptions
        {
            Iterations = 0, BatchSize = 1, LearningRate = 1e6, LearningRateDecay = -1, ActionCost = double.NaN,
            MaxDegreeOfParallelism = 0, CheckpointEvery = 5, RewardMetric = "rewrd",
        };

        var problems = options.Problems(["reward", "actions"]);

        Assert.Equal(["Iterations", "BatchSize", "LearningRateDecay", "ActionCost", "MaxDegreeOfParallelism", "LearningRate",
            "RewardMetric", "CheckpointDirectory"], problems.Select(p => p.Option));
        Assert.Contains("Did you mean 'reward'?", problems.Single(p => p.Option == "RewardMetric").Message);
        Assert.Equal("--lr must lie in (0, 1], got 1000000",
            problems.Single(p => p.Option == "LearningRate").Describe(o => o == "LearningRate" ? "--lr" : o));
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("BatchSize must be >= 2", e.Message);
        Assert.Contains("Iterations must be >= 1", e.Message);
    }

    [Theory]
    [InlineData(0.0), InlineData(-1.0), InlineData(double.NaN), InlineData(double.PositiveInfinity)]
    public void Problems_BadActionBudget_IsNamed(double budget)
    {
        var problems = new TrainerOptions { ActionBudget = budget, BudgetPriceStep = 0, BudgetTolerance = 1 }.Problems();
        Assert.Equal(["BudgetPriceStep", "ActionBudget", "BudgetTolerance"], problems.Select(p => p.Option));
        Assert.Empty(new TrainerOptions { ActionBudget = 3.5 }.Problems());
    }

    [Fact]
    public void Problems_OfTheDefaults_AreNone()
    {
        Assert.Empty(new TrainerOptions().Problems(["reward"]));
        Assert.Empty(new TrainerOptions { Regularizers = new RegularizerWeights(0) }.Problems());
    }
}
