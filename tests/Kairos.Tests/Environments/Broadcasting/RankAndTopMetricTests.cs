using Kairos.Environments.Broadcasting;
using Kairos.Evaluation.Broadcasting;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Tests.Environments.Broadcasting;

/// <summary>The rank_and_top reward: the episode reports time_at_top/top₀ − avg_rank/rank₀ of its own metrics, and
/// the experiment's scales are the uniform Poisson run's means, so that run scores 0 on average and a policy's value
/// is (time-at-top ratio − 1) − (average-rank ratio − 1).</summary>
public sealed class RankAndTopMetricTests
{
    private static BroadcastWorld World() =>
        SyntheticBroadcastWorld.Generate(new Random(5), new SyntheticBroadcastOptions(Followers: 8, Sources: 4, WindowPosts: 60, LogWindows: 6));

    [Fact]
    public void Episode_reports_the_scaled_difference_of_its_own_metrics()
    {
        var scales = new BalanceScales(averageRank: 7.5, timeAtTop: 0.04);
        var env = new BroadcastingEnvironment(World(), FeedKind.Prioritized, balance: scales);
        var run = Evaluator.Evaluate(env, [new UniformPolicy(6 / env.Spec.Horizon)], 8, 3, 1)[0];
        var rank = run.Values(BroadcastingMetrics.AverageRank).ToArray();
        var top = run.Values(BroadcastingMetrics.TimeAtTop).ToArray();
        var balanced = run.Values(BroadcastingMetrics.RankAndTop).ToArray();
        for (int i = 0; i < rank.Length; i++)
            Assert.Equal(top[i] / 0.04 - rank[i] / 7.5, balanced[i], 12);
        Assert.Contains(balanced, b => b != top[0] - rank[0]);   // not the unit scales
    }

    [Fact]
    public void Poisson_scales_are_the_Poisson_runs_means_on_the_training_windows()
    {
        var settings = new BroadcastingSettings { TrainBudget = 4, Seed = 9, Threads = 1 };
        var training = new BroadcastingEnvironment(World(), FeedKind.Chronological, training: true);
        var scales = BroadcasterEvaluation.PoissonScales(training, settings);
        var again = Evaluator.Evaluate(training.WithBalance(scales), [new UniformPolicy(4 / training.Spec.Horizon)],
            BroadcasterEvaluation.BalanceEpisodes, Kairos.Numerics.SeedSequence.Derive(9, 3), 2)[0];
        Assert.Equal(again.Values(BroadcastingMetrics.AverageRank).Average(), scales.AverageRank, 12);
        Assert.Equal(0, again.Values(BroadcastingMetrics.RankAndTop).Average(), 9);
        // a differently seeded Poisson run scores near 0, not exactly: the scales are a fixed reference
        var other = Evaluator.Evaluate(training.WithBalance(scales), [new UniformPolicy(4 / training.Spec.Horizon)], 64, 123, 1)[0];
        Assert.InRange(other.Values(BroadcastingMetrics.RankAndTop).Average(), -0.5, 0.5);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0)]
    [InlineData(double.NaN, 0.1)]
    [InlineData(5, double.PositiveInfinity)]
    public void Scales_must_be_positive_and_finite(double rank, double top) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BalanceScales(rank, top));
}
