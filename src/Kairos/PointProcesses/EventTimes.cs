using System.Globalization;

namespace Kairos.PointProcesses;

/// <summary>Argument checks shared by the process-level models: sorted, finite, non-negative times inside a
/// finite horizon. Messages name the offending index and value.</summary>
internal static class EventTimes
{
    public static void Check(ReadOnlySpan<double> times, double horizon)
    {
        if (!double.IsFinite(horizon) || horizon < 0)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"horizon must be finite and >= 0, got {F(horizon)}.");
        double previous = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            if (!double.IsFinite(t) || t < previous || t > horizon)
                throw new ArgumentOutOfRangeException(nameof(times), t,
                    $"times[{i}] = {F(t)} must be finite, >= the previous time {F(previous)} and <= the horizon {F(horizon)}.");
            previous = t;
        }
    }

    public static void CheckGradient(Span<double> gradient, int length)
    {
        if (gradient.Length != length)
            throw new ArgumentException($"gradient must have length {length}, got {gradient.Length}.", nameof(gradient));
    }

    public static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
