namespace Kairos.Policies;

/// <summary>
/// A training episode's record for a <see cref="PerItemHazardPolicy"/>: the score ∇_θ log p(τ), the log-likelihood
/// and ∫Σλ dt, accumulated interval by interval as the episode runs (<see cref="PerItemHazardLikelihood"/>), so it
/// needs O(A·G) memory whatever the episode's length. The state opens an interval with the inputs frozen at each
/// event and closes it at the next; the trainer closes the last one at the horizon (<see cref="Finish"/>). With
/// <see cref="KeepIntervals"/> it also keeps every interval, so the log-likelihood can be recomputed under other
/// parameters (gradient checks).
/// </summary>
public sealed class PerItemHazardTape
{
    private readonly double[] _shared, _phi, _timeInputs;   // φ̇, or the clocks (PerItemHazardLayout.TimeInputs)
    private readonly List<(double[] Shared, double[] Phi, double[] PhiDot, double Delta, int Fired)> _kept = [];
    private double[] _theta = [];
    private double _start = double.NaN;

    public PerItemHazardTape(PerItemHazardLayout layout, bool keepIntervals = false)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        KeepIntervals = keepIntervals;
        _shared = new double[layout.Shared];
        _phi = new double[layout.Marks * layout.Features];
        _timeInputs = new double[layout.TimeInputs];
        Score = new double[layout.Length];
    }

    public PerItemHazardLayout Layout { get; }
    public bool KeepIntervals { get; }
    /// <summary>∇_θ log p of the intervals closed so far.</summary>
    public double[] Score { get; }
    public double LogLikelihood { get; private set; }
    public double IntensityIntegral { get; private set; }
    public int Actions { get; private set; }
    /// <summary>Whether an interval is open (the episode has not been finished).</summary>
    public bool IsOpen => !double.IsNaN(_start);
    public int KeptIntervals => _kept.Count;

    /// <summary>Starts a new episode under parameters <paramref name="theta"/> (shared, not copied).</summary>
    public void Reset(double[] theta)
    {
        _theta = theta;
        Array.Clear(Score);
        (LogLikelihood, IntensityIntegral, Actions, _start) = (0, 0, 0, double.NaN);
        _kept.Clear();
    }

    internal void Open(double time, ReadOnlySpan<double> shared, ReadOnlySpan<double> phi, ReadOnlySpan<double> timeInputs)
    {
        shared.CopyTo(_shared);
        phi.CopyTo(_phi);
        timeInputs.CopyTo(_timeInputs);
        _start = time;
    }

    /// <summary>Closes the open interval at <paramref name="time"/>, with an action of item <paramref name="fired"/> or
    /// none (−1).</summary>
    internal void Close(double time, int fired)
    {
        if (!IsOpen) throw new InvalidOperationException("no open interval: the episode was finished.");
        double delta = time - _start;
        LogLikelihood += PerItemHazardLikelihood.Interval(_theta, Layout, _shared, _phi, _timeInputs, delta, fired, Score, out double integral);
        IntensityIntegral += integral;
        if (fired >= 0) Actions++;
        if (KeepIntervals) _kept.Add(((double[])_shared.Clone(), (double[])_phi.Clone(), (double[])_timeInputs.Clone(), delta, fired));
        _start = double.NaN;
    }

    /// <summary>Closes the last interval at the window's end <paramref name="end"/> (no action in it).</summary>
    public void Finish(double end)
    {
        if (IsOpen) Close(Math.Max(end, _start), -1);
    }

    /// <summary>The log-likelihood of the kept intervals under <paramref name="theta"/> (needs <see cref="KeepIntervals"/>).</summary>
    public double LogLikelihoodAt(ReadOnlySpan<double> theta)
    {
        if (!KeepIntervals) throw new InvalidOperationException("this tape keeps no intervals.");
        double ll = 0;
        foreach (var (s, phi, dot, delta, fired) in _kept)
            ll += PerItemHazardLikelihood.Interval(theta, Layout, s, phi, dot, delta, fired, default, out _);
        return ll;
    }
}
