using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>The one parser of every numeric option and argument: invariant culture, a decimal point, an optional
/// exponent, and no group separators. "1000,5" is an error naming the flag (the BCL's parser would read it as 10005,
/// "0,05" as 5). NaN, infinities and magnitudes above <see cref="MaxMagnitude"/> are errors naming the flag too: no
/// setting means them, and downstream they overflow into NaN. <see cref="KairosCli.Build"/> installs it on every
/// numeric option of the command tree.</summary>
public static class CliNumbers
{
    private const NumberStyles Real = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
        | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
    private const NumberStyles Whole = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
        | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent;

    /// <summary>The largest magnitude of a real option: far beyond every meaningful setting (Unix times in
    /// milliseconds are ~1.7e12), small enough that sums and products of a few such values stay finite.</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Installs the parser on every numeric option and argument of <paramref name="command"/> and its
    /// subcommands. Options of other types are left alone.</summary>
    public static void Install(Command command)
    {
        foreach (var option in command.Options) Install(option);
        foreach (var argument in command.Arguments) Install(argument);
        foreach (var sub in command.Subcommands) Install(sub);
    }

    /// <summary>True for the value types the parser handles (int, long, double and their nullable forms).</summary>
    public static bool IsNumeric(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double));

    private static void Install(Symbol symbol)
    {
        switch (symbol)
        {
            case Option<double> o: o.CustomParser = r => ParseReal(r) ?? 0; break;
            case Option<double?> o: o.CustomParser = ParseReal; break;
            case Option<int> o: o.CustomParser = r => (int)(ParseWhole(r, int.MinValue, int.MaxValue) ?? 0); break;
            case Option<int?> o: o.CustomParser = r => (int?)ParseWhole(r, int.MinValue, int.MaxValue); break;
            case Option<long> o: o.CustomParser = r => ParseWhole(r, long.MinValue, long.MaxValue) ?? 0; break;
            case Option<long?> o: o.CustomParser = r => ParseWhole(r, long.MinValue, long.MaxValue); break;
            case Argument<double> a: a.CustomParser = r => ParseReal(r) ?? 0; break;
            case Argument<int> a: a.CustomParser = r => (int)(ParseWhole(r, int.MinValue, int.MaxValue) ?? 0); break;
        }
    }

    /// <summary>Parses a real number as the CLI accepts it, or returns null with <paramref name="error"/> set.</summary>
    public static double? TryParseReal(string text, string name, out string? error)
    {
        error = Problem(text, name, "a number");
        if (error is null && double.TryParse(text, Real, CultureInfo.InvariantCulture, out double x))
        {
            if (double.IsFinite(x) && Math.Abs(x) <= MaxMagnitude) return x;
            error = double.IsNaN(x) ? $"{name}: NaN is not a number; give a finite value"
                : $"{name}: {text.Trim()} is too large in magnitude; values beyond ±1e15 are refused (no setting needs them, and they overflow)";
            return null;
        }
        error ??= $"{name}: cannot read '{text}' as a number; write it with a decimal point and no separators, e.g. 2.5, 1000 or 1e-3";
        return null;
    }

    private static double? ParseReal(ArgumentResult r)
    {
        double? value = TryParseReal(Token(r), Name(r), out string? error);
        if (error is not null) r.AddError(error);
        return value;
    }

    private static long? ParseWhole(ArgumentResult r, long min, long max)
    {
        string text = Token(r), name = Name(r);
        string? error = WholeProblem(text, name);
        if (error is null)
        {
            if (long.TryParse(text, Whole, CultureInfo.InvariantCulture, out long n) && n >= min && n <= max) return n;
            // "1e3" is a whole number; "2.5" and "1e30" are not (in range).
            error = double.TryParse(text, Real, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
                ? (Math.Floor(x) != x
                    ? $"{name}: '{text}' is not a whole number"
                    : $"{name}: {text} is out of range; the largest allowed value is {max.ToString(CultureInfo.InvariantCulture)}")
                : $"{name}: cannot read '{text}' as an integer; write digits only, e.g. 100 or 1e3";
        }
        r.AddError(error);
        return null;
    }

    /// <summary>A comma is a decimal comma or a group separator, and either reading silently changes the value.</summary>
    private static string? Problem(string text, string name, string what)
    {
        if (!text.Contains(',')) return null;
        string dotted = text.Replace(',', '.'), joined = text.Replace(",", "");
        bool single = text.Count(c => c == ',') == 1 && double.TryParse(dotted, Real, CultureInfo.InvariantCulture, out _);
        return $"{name}: '{text}' is not {what}: commas are not allowed, as decimal or as thousands separator; write " +
            (single ? $"{dotted} or {joined}, whichever you meant" : "the number with a decimal point and no separators");
    }

    /// <summary>For a count a comma can only be a group separator; a decimal reading would not be whole anyway.</summary>
    private static string? WholeProblem(string text, string name)
    {
        if (!text.Contains(',')) return null;
        string joined = text.Replace(",", "");
        return $"{name}: '{text}' is not an integer: commas are not allowed, not even as thousands separators; write " +
            (long.TryParse(joined, Whole, CultureInfo.InvariantCulture, out _) ? joined : "digits only, e.g. 100 or 1e3");
    }

    private static string Token(ArgumentResult r) => r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;

    private static string Name(ArgumentResult r) => r.Parent is OptionResult o ? o.Option.Name : $"<{r.Argument.Name}>";
}
