using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.Broadcasting;

/// <summary>
/// One window of a broadcaster's world: the other sources' posts replayed as feedback events (mark = source), our
/// posts as actions, and on the prioritized feed the moments our rank falls or rises without a post: a post above
/// ours leaves the prioritized section (mark = <see cref="BroadcastWorld.SourceCount"/>), or ours does.
/// Per follower j it keeps C_j, the posts newer than our latest post (or since the window start); the rank is C_j on
/// the chronological feed and whenever our latest post is older than τ (or absent), and otherwise the number of fresh
/// posts above ours (higher priority, or equal priority and newer; appendix F). Times are relative to the window start.
/// </summary>
internal sealed class BroadcastingEpisode : IEpisode
{
    /// <summary>Ranks enter the feedback vector in tens, so a tanh cell is not saturated by ranks of ~100.</summary>
    public const double RankScale = 10;

    private readonly BroadcastWorld _world;
    private readonly BalanceScales _balance;
    private readonly bool _prioritized;
    private readonly double _start, _horizon, _lifetime;
    private readonly int _end;
    private readonly int[] _newer;
    private readonly FeedRanks _ranks;
    private readonly bool[] _anyAbove;
    private readonly int _first;
    private int _next, _expiry, _expiryEnd, _posts;
    private bool _fresh;
    private double _ownExpiry = double.PositiveInfinity;

    public BroadcastingEpisode(BroadcastWorld world, FeedKind feed, double start, double horizon, double lifetime, int topK,
        BalanceScales balance)
    {
        _balance = balance;
        (_world, _prioritized, _start, _horizon, _lifetime) = (world, feed == FeedKind.Prioritized, start, horizon, lifetime);
        _first = _next = FirstAfter(world.PostTimes, 0, world.PostTimes.Length, t => t > start);
        _end = FirstAfter(world.PostTimes, _next, world.PostTimes.Length, t => t - start > horizon);
        _newer = new int[world.FollowerCount];
        _ranks = new FeedRanks(world.FollowerCount, topK);
        _anyAbove = world.Relations.Select(r => r.Any(x => x > 0)).ToArray();
    }

    public FeedRanks Ranks => _ranks;
    public int Posts => _posts;

    public double NextFeedbackTime => Math.Min(NextPostTime, Math.Min(NextExpiryTime, _fresh ? _ownExpiry : double.PositiveInfinity));

    private double NextPostTime => _next < _end ? _world.PostTimes[_next] - _start : double.PositiveInfinity;

    /// <summary>When a fresh post above ours (posted before ours) next leaves the prioritized section.</summary>
    private double NextExpiryTime
    {
        get
        {
            if (!_fresh) return double.PositiveInfinity;
            while (_expiry < _expiryEnd && !_anyAbove[_world.PostSources[_expiry]]) _expiry++;
            return _expiry < _expiryEnd ? _world.PostTimes[_expiry] - _start + _lifetime : double.PositiveInfinity;
        }
    }

    public Event TakeFeedback(Random rng)
    {
        _ranks.ClearChanges();
        double post = NextPostTime, expiry = NextExpiryTime, own = _fresh ? _ownExpiry : double.PositiveInfinity;
        if (expiry <= own && expiry <= post) return Expire(expiry);
        if (own <= post) return ExpireOwn(own);
        if (double.IsPositiveInfinity(post)) throw new InvalidOperationException("no feedback is scheduled.");
        return Arrive(post);
    }

    private Event Arrive(double time)
    {
        _ranks.AdvanceTo(time);
        int source = _world.PostSources[_next++];
        var followers = _world.Followers[source];
        var relations = _world.Relations[source];
        for (int i = 0; i < followers.Length; i++)
        {
            int j = followers[i];
            _newer[j]++;
            if (!_fresh) _ranks.Set(j, _newer[j]);
            else if (relations[i] >= 0) _ranks.Add(j, 1);   // newer than ours and at least our priority: above us
        }
        return new Event(time, EventKind.Feedback, source);
    }

    private Event Expire(double time)
    {
        _ranks.AdvanceTo(time);
        int source = _world.PostSources[_expiry++];
        var followers = _world.Followers[source];
        var relations = _world.Relations[source];
        for (int i = 0; i < followers.Length; i++)
            if (relations[i] > 0) _ranks.Add(followers[i], -1);   // it drops below our fresh post
        return new Event(time, EventKind.Feedback, _world.SourceCount);
    }

    private Event ExpireOwn(double time)
    {
        _ranks.AdvanceTo(time);
        _fresh = false;
        for (int j = 0; j < _newer.Length; j++) _ranks.Set(j, _newer[j]);
        return new Event(time, EventKind.Feedback, _world.SourceCount);
    }

    public Event Act(double time, int mark, Random rng)
    {
        if (!(time >= _ranks.Time) || time > _horizon)
            throw new ArgumentOutOfRangeException(nameof(time), time, $"a post must lie in [{_ranks.Time:R}, {_horizon:R}].");
        _ranks.ClearChanges();
        _ranks.AdvanceTo(time);
        _posts++;
        Array.Clear(_newer);
        if (_prioritized)
        {
            _fresh = true;
            _ownExpiry = time + _lifetime;
            // Fresh posts of higher priority stay above our new post: those younger than τ. _newer holds the counts
            // until the ranks are set, so only followers whose rank really changes are reported.
            _expiry = FirstAfter(_world.PostTimes, _first, _next, t => t - _start + _lifetime > time);
            _expiryEnd = _next;
            for (int p = _expiry; p < _next; p++)
            {
                int source = _world.PostSources[p];
                var followers = _world.Followers[source];
                var relations = _world.Relations[source];
                for (int i = 0; i < followers.Length; i++)
                    if (relations[i] > 0) _newer[followers[i]]++;
            }
        }
        for (int j = 0; j < _newer.Length; j++) _ranks.Set(j, _newer[j]);
        Array.Clear(_newer);
        return new Event(time, EventKind.Action, mark);
    }

    public void Feedback(Span<double> z)
    {
        z[0] = _ranks.Sum / (double)_ranks.Followers / RankScale;
        z[1] = _ranks.AtTop / (double)_ranks.Followers;
    }

    public IReadOnlyDictionary<string, double> Finish(Random rng)
    {
        _ranks.AdvanceTo(_horizon);
        var (rank, square, top) = _ranks.Integrals;
        double norm = _ranks.Followers * _horizon;
        return new Dictionary<string, double>
        {
            [BroadcastingMetrics.AverageRank] = rank / norm,
            [BroadcastingMetrics.RankSquared] = square / norm,
            [BroadcastingMetrics.TimeAtTop] = top / norm,
            [BroadcastingMetrics.Posts] = _posts,
            [BroadcastingMetrics.NegativeAverageRank] = -rank / norm,
            [BroadcastingMetrics.RankAndTop] = BroadcastingMetrics.Balanced(rank / norm, top / norm, _balance),
        };
    }

    /// <summary>First index in [lo, hi) whose time satisfies <paramref name="after"/> (monotone: false, then true), or hi.</summary>
    private static int FirstAfter(double[] times, int lo, int hi, Func<double, bool> after)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (!after(times[mid])) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
