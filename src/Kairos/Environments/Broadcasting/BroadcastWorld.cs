using Kairos.Numerics;

namespace Kairos.Environments.Broadcasting;

/// <summary>
/// Everything a broadcaster's environment replays: the other sources' posts over the whole log (time-sorted,
/// the broadcaster's own posts already dropped), which sources each follower follows, each source's activity (for
/// the prioritized feed) and the test window, which holds the last <see cref="WindowPosts"/> posts of others
/// (TPPRL digest §4.1). Training windows have the test window's length and start uniformly in [LogStart,
/// TestStart − length].
/// </summary>
public sealed class BroadcastWorld
{
    /// <summary>Posts of others in the test window (the authors' N).</summary>
    public const int DefaultWindowPosts = 200;

    public BroadcastWorld(string name, double[] postTimes, int[] postSources, int[][] followerSources, double[] sourceActivity,
        string timeUnit, int windowPosts = DefaultWindowPosts)
    {
        Name = name;
        if (postTimes.Length != postSources.Length) throw new ArgumentException("one source per post is needed.", nameof(postSources));
        for (int i = 1; i < postTimes.Length; i++)
            if (!(postTimes[i] >= postTimes[i - 1])) throw new ArgumentException($"post times must be sorted (post {i}).", nameof(postTimes));
        Require.Positive(windowPosts, nameof(windowPosts));
        if (postTimes.Length < windowPosts + 1)
            throw new ArgumentException($"the log holds {CountText.Of(postTimes.Length, "post")} of others; a test window needs {windowPosts + 1}.", nameof(postTimes));
        if (followerSources.Length == 0) throw new ArgumentException("a broadcaster needs at least one follower.", nameof(followerSources));
        SourceCount = sourceActivity.Length;
        foreach (var s in postSources)
            if ((uint)s >= (uint)SourceCount) throw new ArgumentException($"post source {s} outside [0, {SourceCount}).", nameof(postSources));
        PostTimes = postTimes;
        PostSources = postSources;
        FollowerSources = followerSources;
        SourceActivity = sourceActivity;
        TimeUnit = timeUnit;
        WindowPosts = windowPosts;
        LogStart = postTimes[0];
        TestEnd = postTimes[^1];
        TestStart = postTimes[^(windowPosts + 1)];
        Followers = FollowersBySource(followerSources, SourceCount);
        Relations = PriorityRelations(followerSources, sourceActivity);
    }

    public string Name { get; }
    public int SourceCount { get; }
    public double[] PostTimes { get; }
    public int[] PostSources { get; }
    /// <summary>Per follower j, the other sources j follows.</summary>
    public int[][] FollowerSources { get; }
    /// <summary>Per source, its activity (posts in the log, or its mean rate): less active sources get higher priority.</summary>
    public double[] SourceActivity { get; }
    public string TimeUnit { get; }
    public int WindowPosts { get; }
    public int FollowerCount => FollowerSources.Length;
    public double LogStart { get; }
    /// <summary>The test window (TestStart, TestEnd] holds the last <see cref="WindowPosts"/> posts of others.</summary>
    public double TestStart { get; }
    public double TestEnd { get; }
    public double WindowLength => TestEnd - TestStart;
    /// <summary>Per source s, the followers who see its posts.</summary>
    public int[][] Followers { get; }
    /// <summary>Per source s, aligned with <see cref="Followers"/>[s]: +1 when s's priority on that follower's feed is
    /// above ours, 0 when equal, −1 when below.</summary>
    public sbyte[][] Relations { get; }

    /// <summary>Whether training windows fit before the test window.</summary>
    public bool HasTrainingWindows => TestStart - WindowLength > LogStart;

    private static int[][] FollowersBySource(int[][] followerSources, int sources)
    {
        var lists = Enumerable.Range(0, sources).Select(_ => new List<int>()).ToArray();
        for (int j = 0; j < followerSources.Length; j++)
            foreach (int s in followerSources[j])
            {
                if ((uint)s >= (uint)sources) throw new ArgumentException($"follower {j} follows source {s}, outside [0, {sources}).");
                lists[s].Add(j);
            }
        return lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>Appendix F / <c>make_freq_prefs</c>: on follower j's feed the n_j followed sources, sorted by activity
    /// descending (ties by index), get priorities 1..n_j (the most active gets 1, the bottom); ours is (n_j + 1)/2.</summary>
    private static sbyte[][] PriorityRelations(int[][] followerSources, double[] activity)
    {
        int sources = activity.Length;
        var lists = Enumerable.Range(0, sources).Select(_ => new List<sbyte>()).ToArray();
        for (int j = 0; j < followerSources.Length; j++)
        {
            var order = followerSources[j].OrderByDescending(s => activity[s]).ThenBy(s => s).ToArray();
            double ours = (order.Length + 1) / 2.0;
            var priority = new Dictionary<int, int>();
            for (int i = 0; i < order.Length; i++) priority[order[i]] = i + 1;
            foreach (int s in followerSources[j]) lists[s].Add((sbyte)Math.Sign(priority[s] - ours));
        }
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
