using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>
/// Duration options: a number with a unit — ms, s, m (or min), h, d — e.g. 90s, 15m, 1.5h; a bare number is seconds;
/// "none" means unbounded (<see cref="TimeSpan.MaxValue"/>) where the option allows it. Anything else, a negative or
/// zero duration, or one beyond 10,000 days is an error naming the flag (exit 2).
/// </summary>
public static class CliDurations
{
    private static readonly (string Suffix, double Seconds)[] Units =
        [("ms", 1e-3), ("min", 60), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)];

    private const double MaxSeconds = 10_000 * 86_400.0;

    public static Option<TimeSpan> Option(string name, string description, TimeSpan defaultValue, bool allowNone = false) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r =>
        {
            string text = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
            if (TryParse(text, allowNone, out var value)) return value;
            r.AddError($"{name} '{text}': expected a positive duration such as 90s, 15m or 2h (ms, s, m, h, d; a bare number is seconds)" +
                (allowNone ? ", or 'none' for no bound." : "."));
            return defaultValue;
        },
    };

    public static bool TryParse(string text, bool allowNone, out TimeSpan value)
    {
        value = default;
        string t = text.Trim().ToLowerInvariant();
        if (allowNone && t == "none")
        {
            value = TimeSpan.MaxValue;
            return true;
        }
        double scale = 1;
        foreach (var (suffix, seconds) in Units)
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                (t, scale) = (t[..^suffix.Length].TrimEnd(), seconds);
                break;
            }
        if (t.Length == 0 || !char.IsAsciiDigit(t[^1])
            || !double.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double x))
            return false;
        double s = x * scale;
        if (!(s > 0) || s > MaxSeconds) return false;
        value = TimeSpan.FromSeconds(s);
        return true;
    }
}
