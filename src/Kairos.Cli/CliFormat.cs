using System.Globalization;

namespace Kairos.Cli;

/// <summary>How commands print numbers that may be undefined (JSON gets null, tables get "n/a", never NaN), counts
/// with their noun in the right number ("1 event", "2 events"), and yes/no instead of C#'s "True"/"False".</summary>
internal static class CliFormat
{
    public static double? FiniteOrNull(double v) => double.IsFinite(v) ? v : null;

    public static string F4OrNa(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"1 event", "0 events", "12 events" (<see cref="CountText"/>, the library's rule).</summary>
    public static string Count(long n, string noun, string? plural = null) => CountText.Of(n, noun, plural);

    /// <summary>A count that may be fractional (a mean): singular only for exactly 1 as printed with <paramref name="format"/>.</summary>
    public static string Count(double x, string format, string noun, string? plural = null) => CountText.Of(x, format, noun, plural);

    /// <summary>The noun alone for a count <paramref name="n"/>.</summary>
    public static string Noun(long n, string noun, string? plural = null) => CountText.Noun(n, noun, plural);

    public static string YesNo(bool b) => b ? "yes" : "no";
}
