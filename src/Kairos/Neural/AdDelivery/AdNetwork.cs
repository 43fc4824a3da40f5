using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>One set of the user model's parameters: the layout, the time scale T₀ (the median gap of the data it
/// was fitted to, in the log's time unit) and θ. Immutable by convention: learners copy θ before stepping.</summary>
public sealed class AdNetwork
{
    public AdNetwork(AdModelLayout layout, double timeScale, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(theta);
        if (theta.Length != layout.Length)
            throw new ArgumentException($"θ has {CountText.Of(theta.Length, "entry", "entries")}; {layout} needs {layout.Length}.", nameof(theta));
        Layout = layout;
        TimeScale = Require.Positive(timeScale, nameof(timeScale));
        LogTimeScale = Math.Log(timeScale);
        Theta = theta;
    }

    public AdModelLayout Layout { get; }
    public double TimeScale { get; }
    public double LogTimeScale { get; }
    public double[] Theta { get; }

    /// <summary>Gaps below this are scored as this (tied timestamps would give log f = ±∞ when c ≠ 1, delivery.md §4.2).</summary>
    public double MinGap => 1e-6 * TimeScale;

    /// <summary>g(τ) = ln(1 + τ/T₀): the cell's Δ and the type head's time input.</summary>
    public double GapFeature(double tau) => Fn.Log1p(tau / TimeScale);

    /// <summary>The cell's feature of an event: ln(1 + value) for feedback with a positive value, else 0.</summary>
    public static double CellFeature(in Event e) =>
        e.Kind == EventKind.Feedback && e.Value is { } v && v > 0 ? Fn.Log1p(v) : 0;

    public AdNetwork WithTheta(double[] theta) => new(Layout, TimeScale, theta);
}
