using System.Globalization;

namespace Kairos.Cli;

/// <summary>Up-front estimates of long runs, so that a size flag set absurdly high is refused before any work starts,
/// with the estimate in the message, and a long but feasible run says how long it will take. Rates are rough orders
/// of magnitude on one core of a current machine (measured with `kairos bench` and timed runs), deliberately on the
/// fast side: a refusal must never hit a run that would in fact finish.</summary>
public static class WorkEstimate
{
    /// <summary>Runs estimated beyond a day are refused.</summary>
    public const double MaxSeconds = 24 * 3600;
    /// <summary>Runs estimated beyond a minute are announced on stderr.</summary>
    public const double AnnounceSeconds = 60;

    /// <summary>The refusal for <paramref name="units"/> of work at <paramref name="unitsPerSecond"/>, or null when it fits.</summary>
    public static string? Refusal(string setting, double units, double unitsPerSecond, string unit)
    {
        double seconds = units / unitsPerSecond;
        return seconds <= MaxSeconds ? null
            : $"{setting} would take about {Duration(seconds)} ({N(units)} {unit} at roughly {N(unitsPerSecond)} per second), " +
              $"more than the limit of {Duration(MaxSeconds)}; choose a smaller value";
    }

    /// <summary>Says on stderr how long a feasible but long run will take.</summary>
    public static void Announce(CliIO io, string what, double units, double unitsPerSecond)
    {
        double seconds = units / unitsPerSecond;
        if (seconds > AnnounceSeconds) io.Info($"{what}: about {Duration(seconds)} of work at roughly {N(unitsPerSecond)} per second");
    }

    public static string Duration(double seconds) => seconds switch
    {
        < 120 => $"{seconds:F0} s",
        < 2 * 3600 => $"{seconds / 60:F0} min",
        < 2 * 86400 => $"{seconds / 3600:F0} h",
        < 2 * 365 * 86400.0 => $"{seconds / 86400:F0} days",
        _ => $"{N(seconds / (365 * 86400.0))} years",
    };

    private static string N(double x) => x.ToString(x < 10 ? "0.##" : x < 1e6 ? "#,0" : "0.#e0", CultureInfo.InvariantCulture);
}
