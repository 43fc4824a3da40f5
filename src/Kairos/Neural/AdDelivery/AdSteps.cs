using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// A user's events as the likelihood reads them, computed once per (layout, time scale) and cached on the
/// <see cref="AdUserSequence"/>: per event k the cell's input row, feature z = ln(1 + value), g(τ_k) (the cell's Δ
/// and the type head's input), ln of the scored gap, the event's type, and ln v of a valued feedback event.
/// </summary>
internal sealed class AdSteps
{
    /// <summary>What event k adds to the likelihood: nothing (a decision at its opportunity's time), log S(τ) (a
    /// decision at a positive gap), or log f(τ) + log P(type) (+ log p(value)) (a user event).</summary>
    public const byte None = 0, Survival = 1, Density = 2;

    public AdSteps(AdUserSequence user, AdModelLayout layout, double timeScale)
    {
        Layout = layout;
        TimeScale = timeScale;
        var events = user.Events;
        int n = Count = events.Count;
        Input = new int[n];
        Row = new byte[n];
        Type = new int[n];
        int f = layout.FeatureSize;
        Z = new double[n * f];
        var exposure = new AdExposure(layout, timeScale);
        Gap = new double[n];
        LogTau = new double[n];
        LogValue = new double[n];
        double minGap = 1e-6 * timeScale, last = 0;
        for (int k = 0; k < n; k++)
        {
            var e = events[k];
            double tau = e.Time - last;
            last = e.Time;
            Input[k] = layout.Input(e.Kind, e.Mark);
            Z[k * f] = AdNetwork.CellFeature(e);
            exposure.Observe(e);
            exposure.Write(e.Time, Z.AsSpan(k * f + 1, f - 1));
            Gap[k] = Fn.Log1p(tau / timeScale);
            LogValue[k] = double.NaN;
            if (e.Kind == EventKind.Action)
            {
                Row[k] = tau > 0 ? Survival : None;
                LogTau[k] = tau > 0 ? Math.Log(tau) : 0;
            }
            else
            {
                Row[k] = Density;
                Type[k] = layout.Type(e.Kind, e.Mark);
                LogTau[k] = Math.Log(Math.Max(tau, minGap));
                if (e.Kind == EventKind.Feedback && e.Value is { } v && v > 0) LogValue[k] = Math.Log(v);
            }
        }
        double tail = user.End - last;
        EndCensored = tail > 0;
        EndLogTau = tail > 0 ? Math.Log(tail) : 0;
    }

    public AdModelLayout Layout { get; }
    public double TimeScale { get; }
    public int Count { get; }
    public int[] Input { get; }
    public byte[] Row { get; }
    public int[] Type { get; }
    /// <summary>The cell's features, F per event (row k at k·F).</summary>
    public double[] Z { get; }
    public double[] Gap { get; }
    public double[] LogTau { get; }
    /// <summary>ln v for a feedback event with a value v &gt; 0, NaN otherwise.</summary>
    public double[] LogValue { get; }
    /// <summary>Whether the window ends after the last event (the censoring term log S(End − t_n) applies).</summary>
    public bool EndCensored { get; }
    public double EndLogTau { get; }
}
