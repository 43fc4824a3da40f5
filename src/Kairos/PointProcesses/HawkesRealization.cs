using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// One validated realization of a D-dimensional point process observed on [0, T]: event times merged in
/// non-decreasing order with their marks (dimension indices). Times must be finite, ≥ 0, sorted and ≤ T; events
/// at equal times are allowed and never excite each other (the kernel sums over t_k &lt; t strictly).
/// Build it from one array per dimension (the <c>tick</c> format) or from a merged (time, mark) array.
/// </summary>
public sealed class HawkesRealization
{
    private readonly double[] _times;
    private readonly int[] _marks;
    private readonly int[] _counts;

    private HawkesRealization(double[] times, int[] marks, int dimension, double horizon)
    {
        _times = times;
        _marks = marks;
        Dimension = dimension;
        Horizon = horizon;
        _counts = new int[dimension];
        foreach (var m in marks) _counts[m]++;
    }

    /// <summary>A one-dimensional realization.</summary>
    public static HawkesRealization Univariate(ReadOnlySpan<double> times, double horizon) =>
        FromMarked(times, new int[times.Length], 1, horizon);

    /// <summary>Merged events: <paramref name="times"/>[k] with mark <paramref name="marks"/>[k] ∈ [0, D).</summary>
    public static HawkesRealization FromMarked(ReadOnlySpan<double> times, ReadOnlySpan<int> marks, int dimension, double horizon)
    {
        Require.Positive(dimension, nameof(dimension));
        Require.Positive(horizon, nameof(horizon));
        if (marks.Length != times.Length)
            throw new ArgumentException($"marks has {CountText.Of(marks.Length, "entry", "entries")} but times has {times.Length}; they must match.", nameof(marks));
        CheckTimes(times, horizon, "times");
        for (int k = 0; k < marks.Length; k++)
            if ((uint)marks[k] >= (uint)dimension)
                throw new ArgumentOutOfRangeException(nameof(marks), marks[k],
                    $"marks[{k}] = {marks[k]} must lie in [0, {dimension - 1}] (the dimension is {dimension}).");
        return new HawkesRealization(times.ToArray(), marks.ToArray(), dimension, horizon);
    }

    /// <summary>One sorted array of times per dimension (the <c>tick</c> format); D = number of arrays.</summary>
    public static HawkesRealization FromDimensions(IReadOnlyList<double[]> timesPerDimension, double horizon)
    {
        ArgumentNullException.ThrowIfNull(timesPerDimension);
        Require.Positive(horizon, nameof(horizon));
        int d = Require.Positive(timesPerDimension.Count, "number of dimensions");
        int n = 0;
        for (int i = 0; i < d; i++)
        {
            ArgumentNullException.ThrowIfNull(timesPerDimension[i], $"timesPerDimension[{i}]");
            CheckTimes(timesPerDimension[i], horizon, $"timesPerDimension[{i}]");
            n += timesPerDimension[i].Length;
        }
        var times = new double[n];
        var marks = new int[n];
        var next = new int[d];
        for (int k = 0; k < n; k++)   // D-way merge; ties go to the lower dimension (order of ties is irrelevant)
        {
            int best = -1;
            for (int i = 0; i < d; i++)
                if (next[i] < timesPerDimension[i].Length &&
                    (best < 0 || timesPerDimension[i][next[i]] < timesPerDimension[best][next[best]])) best = i;
            times[k] = timesPerDimension[best][next[best]++];
            marks[k] = best;
        }
        return new HawkesRealization(times, marks, d, horizon);
    }

    public int Dimension { get; }

    /// <summary>Observation horizon T (end of the window [0, T]).</summary>
    public double Horizon { get; }

    /// <summary>Total number of events.</summary>
    public int Count => _times.Length;

    public ReadOnlySpan<double> Times => _times;
    public ReadOnlySpan<int> Marks => _marks;

    /// <summary>Number of events of dimension <paramref name="d"/>.</summary>
    public int CountOf(int d) => _counts[d];

    /// <summary>The times of dimension <paramref name="d"/>, in order (a copy).</summary>
    public double[] TimesOf(int d)
    {
        var r = new double[_counts[d]];
        for (int k = 0, j = 0; k < _times.Length; k++) if (_marks[k] == d) r[j++] = _times[k];
        return r;
    }

    /// <summary>Throws an error naming the first bad entry unless times are finite, ≥ 0, sorted and ≤ horizon.</summary>
    internal static void CheckTimes(ReadOnlySpan<double> times, double horizon, string name)
    {
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            if (!double.IsFinite(t))
                throw new ArgumentOutOfRangeException(name, t, $"{name}[{k}] = {Require.Fmt(t)}: event times must be finite numbers.");
            if (t < 0)
                throw new ArgumentOutOfRangeException(name, t, $"{name}[{k}] = {Require.Fmt(t)}: event times must be >= 0.");
            if (k > 0 && t < times[k - 1])
                throw new ArgumentOutOfRangeException(name, t,
                    $"{name}[{k}] = {Require.Fmt(t)} is earlier than {name}[{k - 1}] = {Require.Fmt(times[k - 1])}: event times must be sorted in increasing order.");
            if (t > horizon)
                throw new ArgumentOutOfRangeException(name, t,
                    $"{name}[{k}] = {Require.Fmt(t)} is after the horizon T = {Require.Fmt(horizon)}: every event must lie in [0, T].");
        }
    }
}
