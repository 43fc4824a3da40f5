using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>
/// Memory-size options: a number with a binary unit — B, KB, MB, GB, TB (1 KB = 1024 B) — e.g. 512MB, 1.5GB; a bare
/// number is bytes; "auto" (null) leaves the choice to the command. Anything else, or a size that is not positive, is
/// an error naming the flag (exit 2).
/// </summary>
public static class CliSizes
{
    private static readonly (string Suffix, double Bytes)[] Units =
        [("tb", 1L << 40), ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10), ("b", 1)];

    /// <summary>A size option given as text (numeric options get <see cref="CliNumbers"/>' parser, which knows no units);
    /// read it with <see cref="Parse"/>.</summary>
    public static Option<string> Option(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The size in bytes, null for "auto"; anything else is a <see cref="UserInputException"/> naming the flag.</summary>
    public static long? Parse(string text, string name) => TryParse(text, out var value) ? value
        : throw new UserInputException($"{name} '{text}': expected a positive size such as 512MB or 4GB (B, KB, MB, GB, TB; a bare number is bytes), or 'auto'.");

    public static bool TryParse(string text, out long? value)
    {
        value = null;
        string t = text.Trim().ToLowerInvariant();
        if (t == "auto") return true;
        double scale = 1;
        foreach (var (suffix, bytes) in Units)
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                (t, scale) = (t[..^suffix.Length].TrimEnd(), bytes);
                break;
            }
        if (t.Length == 0 || !char.IsAsciiDigit(t[^1])
            || !double.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double x))
            return false;
        double b = x * scale;
        if (!(b >= 1) || b > long.MaxValue / 2) return false;
        value = (long)b;
        return true;
    }
}
