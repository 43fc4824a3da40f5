namespace Kairos.Data;

/// <summary>The unit of the numbers on an event file's time axis (times, window starts and ends), and so of the
/// fitted parameters (a Poisson rate per unit). ISO-8601 timestamps in a file are converted to this unit since the
/// Unix epoch (1970-01-01T00:00:00Z); numbers are taken to be in it already.</summary>
public enum TimeUnit
{
    Seconds,
    Minutes,
    Hours,
    Days,
}

public static class TimeUnits
{
    public static IReadOnlyList<string> Names { get; } = ["seconds", "minutes", "hours", "days"];

    public static double Seconds(this TimeUnit unit) => unit switch
    {
        TimeUnit.Seconds => 1,
        TimeUnit.Minutes => 60,
        TimeUnit.Hours => 3600,
        TimeUnit.Days => 86_400,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    public static string Name(this TimeUnit unit) => Names[(int)unit];

    /// <summary>seconds | minutes | hours | days (case-insensitive), else null.</summary>
    public static TimeUnit? Parse(string text)
    {
        int i = Names.ToList().IndexOf(text.Trim().ToLowerInvariant());
        return i < 0 ? null : (TimeUnit)i;
    }
}
