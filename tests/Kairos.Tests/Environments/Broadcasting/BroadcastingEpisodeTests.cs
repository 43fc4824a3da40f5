using Kairos.Environments.Broadcasting;
using Kairos.PointProcesses;

namespace Kairos.Tests.Environments.Broadcasting;

/// <summary>The episode's exact integrals and sparse rank changes against <see cref="FeedReference"/>, which sorts each
/// feed explicitly: integrated event by event (rank evaluated mid-interval between all breakpoints: posts, our posts,
/// lifetime crossings) they agree to rounding; on a fine grid to the grid's error; and a wrong reference is rejected.</summary>
public sealed class BroadcastingEpisodeTests
{
    /// <summary>A small random world: 6 followers, 4 sources of unequal activity, 120 posts on [0, 100], N = 40.</summary>
    internal static BroadcastWorld SmallWorld(int seed, int followers = 6, int sources = 4)
    {
        var rng = new Random(seed);
        var follows = Enumerable.Range(0, followers)
            .Select(_ => Enumerable.Range(0, sources).Where(_ => rng.NextDouble() < 0.6).ToArray()).ToArray();
        var posts = Enumerable.Range(0, 120).Select(_ => (Time: Math.Round(rng.NextDouble() * 100, 1), Source: (int)(sources * Math.Pow(rng.NextDouble(), 2))))
            .OrderBy(p => p.Time).ThenBy(p => p.Source).ToArray();
        var activity = new double[sources];
        foreach (var p in posts) activity[p.Source]++;
        return new BroadcastWorld("small", posts.Select(p => p.Time).ToArray(), posts.Select(p => p.Source).ToArray(), follows,
            activity, "units", windowPosts: 40);
    }

    private sealed record Run(IReadOnlyDictionary<string, double> Metrics, List<double> Own, List<(double Time, int[] Ranks, List<(int, int)> Changes)> Steps);

    /// <summary>Drives an episode with scripted post times (the event loop's order: exogenous events first on ties).</summary>
    private static Run Drive(BroadcastingEnvironment env, double start, double[] script)
    {
        var ep = env.Open(start);
        var own = new List<double>();
        var steps = new List<(double, int[], List<(int, int)>)>();
        double T = env.Spec.Horizon;
        int k = 0;
        while (true)
        {
            double tf = ep.NextFeedbackTime, ta = k < script.Length ? script[k] : double.PositiveInfinity;
            if (Math.Min(tf, ta) > T) break;
            Event e = tf <= ta ? ep.TakeFeedback(new Random(0)) : ep.Act(script[k++], 0, new Random(0));
            if (e.Kind == EventKind.Action) own.Add(e.Time);
            steps.Add((e.Time, Enumerable.Range(0, env.World.FollowerCount).Select(ep.Ranks.Rank).ToArray(), ep.Ranks.Changes.ToList()));
        }
        return new Run(ep.Finish(new Random(0)), own, steps);
    }

    private static double[] Script(int seed, double horizon, int posts)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, posts).Select(_ => rng.NextDouble() * horizon).Order().ToArray();
    }

    /// <summary>Every time at which some rank may change: posts, our posts, lifetime crossings of both.</summary>
    private static List<double> Breakpoints(BroadcastWorld w, double start, double T, double lifetime, IEnumerable<double> own)
    {
        var b = new List<double> { 0, T };
        foreach (double p in w.PostTimes.Select(x => x - start).Where(x => x > 0 && x <= T)) { b.Add(p); b.Add(p + lifetime); }
        foreach (double a in own) { b.Add(a); b.Add(a + lifetime); }
        return b.Where(x => x >= 0 && x <= T).Distinct().Order().ToList();
    }

    private static (double Rank, double Square, double Top) Reference(FeedReference feed, int followers, List<double> times,
        IReadOnlyList<double> own, double T)
    {
        double r = 0, r2 = 0, top = 0;
        for (int i = 0; i + 1 < times.Count; i++)
        {
            double mid = 0.5 * (times[i] + times[i + 1]), dt = times[i + 1] - times[i];
            for (int j = 0; j < followers; j++)
            {
                int rank = feed.Rank(j, mid, own);
                r += rank * dt; r2 += (double)rank * rank * dt; top += (rank < 1 ? 1 : 0) * dt;
            }
        }
        double norm = followers * T;
        return (r / norm, r2 / norm, top / norm);
    }

    [Theory]
    [InlineData(FeedKind.Prioritized, 1)]
    [InlineData(FeedKind.Prioritized, 2)]
    [InlineData(FeedKind.Prioritized, 3)]
    [InlineData(FeedKind.Chronological, 1)]
    [InlineData(FeedKind.Chronological, 2)]
    public void Integrals_MatchExplicitFeeds_EventByEvent(FeedKind kind, int seed)
    {
        var world = SmallWorld(seed);
        var env = new BroadcastingEnvironment(world, kind);
        double T = env.Spec.Horizon, lifetime = kind == FeedKind.Prioritized ? env.Lifetime : double.PositiveInfinity;
        var run = Drive(env, world.TestStart, Script(seed + 10, T, 6));
        var reference = Reference(new FeedReference(world, world.TestStart, kind, lifetime), world.FollowerCount,
            Breakpoints(world, world.TestStart, T, env.Lifetime, run.Own), run.Own, T);
        Assert.Equal(reference.Rank, run.Metrics[BroadcastingMetrics.AverageRank], 1e-9);
        Assert.Equal(reference.Square, run.Metrics[BroadcastingMetrics.RankSquared], 1e-9);
        Assert.Equal(reference.Top, run.Metrics[BroadcastingMetrics.TimeAtTop], 1e-9);
        Assert.Equal(6, run.Metrics[BroadcastingMetrics.Posts]);
    }

    [Fact]
    public void Integrals_MatchAFineGrid_AndAWrongLifetimeIsRejected()
    {
        var world = SmallWorld(7);
        var env = new BroadcastingEnvironment(world, FeedKind.Prioritized);
        double T = env.Spec.Horizon;
        var run = Drive(env, world.TestStart, Script(8, T, 5));
        var feed = new FeedReference(world, world.TestStart, FeedKind.Prioritized, env.Lifetime);
        const int n = 4000;
        double grid = 0;
        for (int m = 0; m < n; m++)
            for (int j = 0; j < world.FollowerCount; j++) grid += feed.Rank(j, (m + 0.5) * T / n, run.Own);
        grid /= n * world.FollowerCount;
        Assert.Equal(run.Metrics[BroadcastingMetrics.AverageRank], grid, 0.02 * grid);
        var wrong = Reference(new FeedReference(world, world.TestStart, FeedKind.Prioritized, 2 * env.Lifetime), world.FollowerCount,
            Breakpoints(world, world.TestStart, T, 2 * env.Lifetime, run.Own).Concat(Breakpoints(world, world.TestStart, T, env.Lifetime, run.Own)).Distinct().Order().ToList(),
            run.Own, T);
        Assert.True(Math.Abs(wrong.Rank - run.Metrics[BroadcastingMetrics.AverageRank]) > 1e-3);
    }

    [Theory]
    [InlineData(FeedKind.Prioritized)]
    [InlineData(FeedKind.Chronological)]
    public void SparseChanges_AreExactlyTheFollowersWhoseRankChanged(FeedKind kind)
    {
        var world = SmallWorld(11);
        var env = new BroadcastingEnvironment(world, kind);
        var run = Drive(env, world.TestStart, Script(12, env.Spec.Horizon, 6));
        var previous = new int[world.FollowerCount];
        int changed = 0;
        foreach (var (_, ranks, changes) in run.Steps)
        {
            var expected = Enumerable.Range(0, ranks.Length).Where(j => ranks[j] != previous[j]).Select(j => (j, ranks[j])).ToHashSet();
            Assert.Equal(expected, changes.ToHashSet());
            changed += changes.Count;
            previous = ranks;
        }
        Assert.True(changed > 20);
    }

    [Fact]
    public void RanksAtEveryEvent_MatchExplicitFeeds_InATrainingWindow()
    {
        var world = SmallWorld(5);
        var env = new BroadcastingEnvironment(world, FeedKind.Prioritized);
        double start = world.LogStart + 3.3;
        var run = Drive(env, start, Script(6, env.Spec.Horizon, 4));
        var feed = new FeedReference(world, start, FeedKind.Prioritized, env.Lifetime);
        for (int k = 0; k < run.Steps.Count; k++)
        {
            var (time, ranks, _) = run.Steps[k];
            if (k + 1 < run.Steps.Count && run.Steps[k + 1].Time - time < 1e-6) continue;   // the state after all simultaneous events
            for (int j = 0; j < ranks.Length; j++)
                Assert.Equal(feed.Rank(j, time + 1e-9, run.Own), ranks[j]);
        }
    }

    [Fact]
    public void TestWindow_HoldsTheLastNPostsOfOthers()
    {
        var world = SmallWorld(3);
        var env = new BroadcastingEnvironment(world, FeedKind.Chronological);
        var run = Drive(env, world.TestStart, []);
        Assert.Equal(40, run.Steps.Count);
        // Without a post of ours the rank counts every post since the window start.
        Assert.Equal(world.FollowerSources.Select(s => world.PostSources.TakeLast(40).Count(s.Contains)), run.Steps[^1].Ranks);
    }
}
