using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>The model's running state of one user: h after the latest event, that event's time, and the ad exposure
/// (<see cref="AdExposure"/>). Stepping it with each event in order reproduces the states <see cref="AdLikelihood"/> uses.
/// With <see cref="TracksLikelihood"/> it also sums the history's log-likelihood under its network
/// (<see cref="AdEventLikelihood"/>; no censoring term: the history ends at its latest event).</summary>
public sealed class AdUserState
{
    private double[] _h, _next;

    public AdUserState(AdNetwork network, double origin = 0)
    {
        Network = network;
        _h = new double[network.Layout.Hidden];
        _next = new double[network.Layout.Hidden];
        LastTime = origin;
        Exposure = new AdExposure(network.Layout, network.TimeScale, origin);
    }

    public AdNetwork Network { get; }
    public ReadOnlySpan<double> H => _h;
    public double LastTime { get; private set; }
    public AdExposure Exposure { get; }
    /// <summary>Whether <see cref="Step"/> adds each event's log-likelihood to <see cref="LogLikelihood"/>.</summary>
    public bool TracksLikelihood { get; init; }
    /// <summary>ℓ(events stepped | θ) when <see cref="TracksLikelihood"/>, else 0.</summary>
    public double LogLikelihood { get; internal set; }

    /// <summary>h ← cell(h, event), in the model's event conventions (decision mark 0 = none, 1..D = ad).</summary>
    public void Step(in Event e)
    {
        double tau = Math.Max(0, e.Time - LastTime);
        var layout = Network.Layout;
        if (TracksLikelihood) LogLikelihood += AdEventLikelihood.Of(Network, _h, tau, e);
        Span<double> z = stackalloc double[layout.FeatureSize];
        z[0] = AdNetwork.CellFeature(e);
        Exposure.Observe(e);
        Exposure.Write(e.Time, z[1..]);
        TpprlCell.Step(Network.Theta, layout.Cell, _h, layout.Input(e.Kind, e.Mark), z, Network.GapFeature(tau), _next);
        (_h, _next) = (_next, _h);
        LastTime = Math.Max(LastTime, e.Time);
    }

    /// <summary>Restores h and the last time (snapshots of a model without exposure inputs).</summary>
    public void Set(ReadOnlySpan<double> h, double lastTime)
    {
        h.CopyTo(_h);
        LastTime = lastTime;
    }

    /// <summary>Restores h, the last time and the exposure (time of the latest ad, decayed counts as of it).</summary>
    public void Set(ReadOnlySpan<double> h, double lastTime, double lastAd, ReadOnlySpan<double> counts)
    {
        Set(h, lastTime);
        Exposure.Set(lastAd, counts);
    }

    /// <summary>Restores everything from <paramref name="other"/> (same layout).</summary>
    public void CopyFrom(AdUserState other) => Set(other.H, other.LastTime, other.Exposure.LastAd, other.Exposure.Counts);
}
