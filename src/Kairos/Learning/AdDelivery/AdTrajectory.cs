namespace Kairos.Learning.AdDelivery;

/// <summary>What <see cref="AdRollout"/> records of one simulated user for the policy gradient: each decision's time and
/// score vector, and each utility increment (conversion value, minus ad cost) in time order. Reused across updates.</summary>
public sealed class AdTrajectory
{
    private readonly List<double[]> _scores = new();
    private readonly List<double> _decisionTimes = new(), _times = new(), _cumulative = new();

    public int Decisions => _decisionTimes.Count;
    public double DecisionTime(int k) => _decisionTimes[k];
    public ReadOnlySpan<double> Score(int k) => _scores[k];
    public double Total => _cumulative.Count == 0 ? 0 : _cumulative[^1];

    public void Clear()
    {
        _decisionTimes.Clear();
        _times.Clear();
        _cumulative.Clear();
    }

    public void AddUtility(double time, double amount)
    {
        _times.Add(time);
        _cumulative.Add(Total + amount);
    }

    /// <summary>A zeroed score vector for a decision at <paramref name="time"/>, to fill.</summary>
    public Span<double> AddDecision(double time, int length)
    {
        if (_scores.Count <= _decisionTimes.Count) _scores.Add(new double[length]);
        _decisionTimes.Add(time);
        var s = _scores[_decisionTimes.Count - 1];
        Array.Clear(s);
        return s;
    }

    /// <summary>Utility accrued at or after <paramref name="time"/> (the decision's own cost included): the reward to go.</summary>
    public double From(double time)
    {
        int i = _times.BinarySearch(time);
        if (i < 0) i = ~i;
        else while (i > 0 && _times[i - 1] == time) i--;
        return Total - (i == 0 ? 0 : _cumulative[i - 1]);
    }
}
