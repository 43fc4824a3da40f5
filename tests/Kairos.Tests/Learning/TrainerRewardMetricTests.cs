using Kairos.Environments.SpacedRepetition;
using Kairos.Environments.Toy;
using Kairos.Learning;

namespace Kairos.Tests.Learning;

public class TrainerRewardMetricTests
{
    [Fact]
    public void RewardMetric_NotGiven_IsTheEnvironmentsDeclaredReward()
    {
        // Spaced repetition's reward is recall (there is no "reward" key); the toys call theirs "reward".
        Assert.Equal("recall", new PolicyGradientTrainer(new SpacedRepetitionEnvironment(SpacedRepetitionOptions.Tpprl()), new TrainerOptions()).RewardMetric);
        Assert.Equal("reward", new PolicyGradientTrainer(new CountingEnvironment(), new TrainerOptions()).RewardMetric);
        Assert.Equal("expected_recall", new PolicyGradientTrainer(new SpacedRepetitionEnvironment(SpacedRepetitionOptions.Tpprl()),
            new TrainerOptions { RewardMetric = "expected_recall" }).RewardMetric);
    }

    [Fact]
    public void RewardMetric_Undeclared_IsRefusedBeforeAnyEpisode()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new PolicyGradientTrainer(new SpacedRepetitionEnvironment(SpacedRepetitionOptions.Tpprl()), new TrainerOptions { RewardMetric = "reward" }));
        Assert.Contains("RewardMetric", e.Message);
    }
}
