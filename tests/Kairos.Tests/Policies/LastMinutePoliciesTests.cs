using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Tests.Policies;

public sealed class LastMinutePoliciesTests
{
    private static readonly SpacedRepetitionEnvironment Env = new(SpacedRepetitionOptions.Tpprl());

    [Fact]
    public void Cram_Budget120_RoundRobinInLastHour()
    {
        var result = EpisodeRunner.Run(Env, new CramPolicy(120), seed: 1, index: 0, record: true);
        var events = result.Events!.ToList();
        Assert.Equal(120, events.Count);
        Assert.All(events, e => Assert.InRange(e.Time, 14 - 1.0 / 24, 14));
        Assert.Equal(Enumerable.Range(0, 120).Select(j => j % 50), events.Select(e => e.Mark));
    }

    [Fact]
    public void Cram_FractionalBudget_MeanMatchesInExpectation()
    {
        var policy = new CramPolicy(10.25);
        double mean = Enumerable.Range(0, 4000).Average(i => EpisodeRunner.Run(Env, policy, 9, i).Actions);
        Assert.InRange(mean, 10.25 - 0.03, 10.25 + 0.03);   // sd of the mean = √(0.1875/4000) = 0.007
    }

    [Fact]
    public void Oracle_Budget_ReviewsFollowExactAllocation()
    {
        var model = StudentModel.Tpprl();
        var policy = SpacedRepetitionOptions.Tpprl().Oracle(300);
        var result = EpisodeRunner.Run(Env, policy, seed: 1, index: 0, record: true);
        var counts = new int[50];
        foreach (var e in result.Events!) counts[e.Mark]++;
        Assert.Equal(policy.Allocation, counts);
        Assert.Equal(OracleAllocation.Exact(model.InitialRates, new LateReviewGain(0.049, 0.0052, 2, 14), 300), counts);
    }

    [Fact]
    public void Threshold_Episode_ReviewsWhenRecallHitsTheta()
    {
        // Given θ = 0.6: every review happens when the item's recall probability has just fallen to 0.6
        var model = StudentModel.Tpprl();
        var result = EpisodeRunner.Run(Env, new ThresholdPolicy(model, 0.6), seed: 2, index: 0, record: true);
        var memory = model.NewMemory();
        foreach (var e in result.Events!)
        {
            Assert.Equal(0.6, memory.RecallProbability(e.Mark, e.Time), 10);
            memory.Review(e.Mark, e.Time, e.Value == 1.0);
        }
        Assert.True(result.Actions > 100);
    }

    [Fact]
    public void Uniform_Rate_CountAndMarksAreUniform()
    {
        var policy = new UniformPolicy(50);
        var results = Enumerable.Range(0, 200).Select(i => EpisodeRunner.Run(Env, policy, 4, i, record: true)).ToList();
        double mean = results.Average(r => r.Actions);
        Assert.InRange(mean, 700 - 4 * Math.Sqrt(700.0 / 200), 700 + 4 * Math.Sqrt(700.0 / 200));
        var events = results.SelectMany(r => r.Events!).ToList();
        Assert.All(results, r => Assert.True(r.Events!.Zip(r.Events!.Skip(1)).All(p => p.First.Time <= p.Second.Time)));
        double share = events.Count(e => e.Mark < 25) / (double)events.Count;
        Assert.InRange(share, 0.49, 0.51);
    }
}
