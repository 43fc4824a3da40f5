namespace Kairos.Environments.Broadcasting;

/// <summary>
/// The broadcaster's rank r_j on each follower's feed and the exact integrals ∫Σ_j r_j, ∫Σ_j r_j² and
/// ∫#{j: r_j &lt; k}. Ranks are piecewise constant in time, so the integrals are sums over the intervals between
/// changes (<see cref="AdvanceTo"/> before every change); nothing is sampled on a grid. Each change touches only
/// the followers it concerns (sparse), and the sums are kept incrementally, so an event costs O(followers touched).
/// </summary>
public sealed class FeedRanks
{
    private readonly int[] _rank;
    private readonly int[] _changed;
    private readonly bool[] _isChanged;
    private long _sum, _sumSquares;
    private int _top, _changes;
    private double _time, _rankIntegral, _squareIntegral, _topIntegral;

    public FeedRanks(int followers, int topK, double start = 0)
    {
        if (followers < 1) throw new ArgumentOutOfRangeException(nameof(followers), followers, "at least one follower.");
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k needs k ≥ 1.");
        TopK = topK;
        _rank = new int[followers];
        _changed = new int[followers];
        _isChanged = new bool[followers];
        _top = followers;   // every rank starts at 0
        _time = start;
    }

    public int TopK { get; }
    public int Followers => _rank.Length;
    public int Rank(int follower) => _rank[follower];
    /// <summary>Σ_j r_j now.</summary>
    public long Sum => _sum;
    /// <summary>Followers on whose feed we are in the top k now.</summary>
    public int AtTop => _top;
    public double Time => _time;

    /// <summary>∫Σ_j r_j dt, ∫Σ_j r_j² dt and ∫#{j: r_j &lt; k} dt from the start to <see cref="Time"/>.</summary>
    public (double Rank, double Square, double Top) Integrals => (_rankIntegral, _squareIntegral, _topIntegral);

    /// <summary>The followers whose rank changed since <see cref="ClearChanges"/> (each once), with their new ranks:
    /// the sparse feedback of an event.</summary>
    public IEnumerable<(int Follower, int Rank)> Changes
    {
        get { for (int i = 0; i < _changes; i++) yield return (_changed[i], _rank[_changed[i]]); }
    }
    public int ChangeCount => _changes;

    public void ClearChanges()
    {
        for (int i = 0; i < _changes; i++) _isChanged[_changed[i]] = false;
        _changes = 0;
    }

    /// <summary>Integrates the current ranks up to <paramref name="time"/> (≥ <see cref="Time"/>).</summary>
    public void AdvanceTo(double time)
    {
        double dt = time - _time;
        if (dt < 0) throw new ArgumentOutOfRangeException(nameof(time), time, $"time goes back from {_time:R}.");
        if (dt == 0) return;
        _rankIntegral += _sum * dt;
        _squareIntegral += _sumSquares * dt;
        _topIntegral += _top * dt;
        _time = time;
    }

    public void Set(int follower, int rank)
    {
        int old = _rank[follower];
        if (old == rank) return;
        if (rank < 0) throw new ArgumentOutOfRangeException(nameof(rank), rank, "a rank is ≥ 0.");
        _sum += rank - old;
        _sumSquares += (long)rank * rank - (long)old * old;
        _top += (rank < TopK ? 1 : 0) - (old < TopK ? 1 : 0);
        _rank[follower] = rank;
        if (!_isChanged[follower]) { _isChanged[follower] = true; _changed[_changes++] = follower; }
    }

    public void Add(int follower, int delta) => Set(follower, _rank[follower] + delta);
}
