using System.Globalization;

namespace Kairos.Cli;

/// <summary>How commands print numbers that may be undefined: JSON gets null, tables get "n/a" (never NaN).</summary>
internal static class CliFormat
{
    public static double? FiniteOrNull(double v) => double.IsFinite(v) ? v : null;

    public static string F4OrNa(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
