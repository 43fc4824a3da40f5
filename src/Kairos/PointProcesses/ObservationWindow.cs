using System.Globalization;

namespace Kairos.PointProcesses;

/// <summary>The interval [Start, End] over which a user was observed: every event of the user in it was recorded,
/// and the absence of events in it is information (the −∫λ term of the log-likelihood). Both ends are finite and
/// ≥ 0, and End &gt; Start.</summary>
public readonly record struct ObservationWindow
{
    public ObservationWindow(double start, double end)
    {
        if (!double.IsFinite(start) || start < 0)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"window start must be finite and >= 0, got {F(start)}.");
        if (!double.IsFinite(end) || !(end > start))
            throw new ArgumentOutOfRangeException(nameof(end), end, $"window end must be finite and > the start {F(start)}, got {F(end)}.");
        Start = start;
        End = end;
    }

    public double Start { get; }
    public double End { get; }

    /// <summary>End − Start: the horizon of the window in time relative to its start.</summary>
    public double Duration => End - Start;

    public bool Contains(double time) => time >= Start && time <= End;

    public override string ToString() => $"[{F(Start)}, {F(End)}]";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
