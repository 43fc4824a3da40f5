using System.Globalization;

namespace Kairos;

/// <summary>A count with its noun in the right number, for every message the library writes: "1 mark", "0 marks",
/// "3 entries" (never "1 marks"). The CLI's wording uses the same rule.</summary>
public static class CountText
{
    /// <summary>"1 event", "0 events", "12 events"; <paramref name="plural"/> when it is not the noun + "s".</summary>
    public static string Of(long n, string noun, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + Noun(n == 1, noun, plural);

    /// <summary>A count that may be fractional (a mean, a budget): singular only when it prints as exactly "1" with
    /// <paramref name="format"/>.</summary>
    public static string Of(double x, string format, string noun, string? plural = null)
    {
        string text = x.ToString(format, CultureInfo.InvariantCulture);
        return text + " " + Noun(text == "1", noun, plural);
    }

    /// <summary>The noun alone, in the number a count <paramref name="n"/> needs.</summary>
    public static string Noun(long n, string noun, string? plural = null) => Noun(n == 1, noun, plural);

    private static string Noun(bool one, string noun, string? plural) => one ? noun : plural ?? noun + "s";
}
