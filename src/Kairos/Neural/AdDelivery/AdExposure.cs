using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// The ad-exposure inputs of the cell (docs/ad-delivery.md, "Exposure inputs"): functions of the delivered ads of the
/// observed history only. After event k at time t, with s the time of the latest delivered ad (the window's start when
/// none yet) and n_j the count of delivered ads decayed with time constant T_j as of s:
/// <code>
///   x_0 = ln(1 + (t − s)/T₀),   x_{1+j} = n_j · e^{−(t − s)/T_j}
/// </code>
/// T₀ is the network's time scale, the T_j the layout's <see cref="AdModelLayout.ExposureDecays"/>. An ad delivered at
/// t' updates n_j ← n_j e^{−(t' − s)/T_j} + 1 and s ← t' before the features of its own step are read, so a delivered
/// ad's step sees x_0 = 0. "None" decisions do not count. The likelihood's columns (<see cref="AdSteps"/>) and every
/// simulated or served state (<see cref="AdUserState"/>) use this one class, so they agree by construction.
/// </summary>
public sealed class AdExposure
{
    private readonly double[] _decays, _counts;
    private readonly double _timeScale;

    public AdExposure(AdModelLayout layout, double timeScale, double origin = 0)
    {
        _decays = [.. layout.ExposureDecays];
        _counts = new double[_decays.Length];
        _timeScale = timeScale;
        LastAd = origin;
    }

    /// <summary>Time of the latest delivered ad (the origin when none yet).</summary>
    public double LastAd { get; private set; }
    /// <summary>The decayed counts n_j as of <see cref="LastAd"/>.</summary>
    public ReadOnlySpan<double> Counts => _counts;
    /// <summary>Number of features written by <see cref="Write"/>: 0 for a layout without exposure inputs.</summary>
    public int Size => _decays.Length == 0 ? 0 : 1 + _decays.Length;

    /// <summary>Takes event <paramref name="e"/> into account (only a delivered ad, decision mark ≥ 1, changes anything).</summary>
    public void Observe(in Event e)
    {
        if (_decays.Length == 0 || e.Kind != EventKind.Action || e.Mark < 1) return;
        double since = Math.Max(0, e.Time - LastAd);
        for (int j = 0; j < _counts.Length; j++) _counts[j] = _counts[j] * Math.Exp(-since / _decays[j]) + 1;
        LastAd = Math.Max(LastAd, e.Time);
    }

    /// <summary>The features at time <paramref name="time"/> (≥ the latest ad) into <paramref name="x"/> (length <see cref="Size"/>).</summary>
    public void Write(double time, Span<double> x)
    {
        if (_decays.Length == 0) return;
        double since = Math.Max(0, time - LastAd);
        x[0] = Fn.Log1p(since / _timeScale);
        for (int j = 0; j < _counts.Length; j++) x[1 + j] = _counts[j] * Math.Exp(-since / _decays[j]);
    }

    /// <summary>Restores the state (snapshots, copies).</summary>
    public void Set(double lastAd, ReadOnlySpan<double> counts)
    {
        if (counts.Length != _counts.Length) throw new ArgumentException($"expected {_counts.Length} decayed counts, got {counts.Length}.", nameof(counts));
        LastAd = lastAd;
        counts.CopyTo(_counts);
    }
}
