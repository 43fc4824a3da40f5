using System.CommandLine;
using System.Globalization;
using Kairos.Learning.OffPolicy;

namespace Kairos.Cli;

/// <summary>`--margins`: candidate delivery margins of the planning policies, chosen among by SNIPS on logged users
/// (<see cref="AdMarginSelector"/>).</summary>
public static class MarginOptions
{
    public static string DefaultList => string.Join(",", AdMarginSelector.DefaultMargins.Select(m => m.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The candidates of a comma-separated list of numbers in [0, 1000] (<paramref name="flag"/> names it in errors).</summary>
    public static double[] Parse(string text, string flag, List<string> errors)
    {
        var margins = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double m) && m is >= 0 and <= 1000) margins.Add(m);
            else errors.Add($"{flag} '{text}': '{part}' is not a margin in [0, 1000] (conversion-value units)");
        if (margins.Distinct().Count() != margins.Count) errors.Add($"{flag} '{text}' lists a margin twice");
        return margins.ToArray();
    }
}
