using System.CommandLine;
using System.Globalization;
using Kairos.Neural.AdDelivery;

namespace Kairos.Cli;

/// <summary>`--exposure-decays`: the time constants of the ad model's exposure inputs (decayed counts of delivered ads),
/// in the log's time unit, or "none" for a model without exposure inputs.</summary>
public static class ExposureDecaysOption
{
    public static Option<string> Create() => new("--exposure-decays")
    {
        Description = "Time constants of the user model's decayed ad counts (and time since the last ad), comma-separated, each finite and > 0, " +
            "in the log's time unit; 'none' = no exposure inputs (the version-1 model) (default 1,4,16).",
        DefaultValueFactory = _ => "1,4,16",
    };

    /// <summary>The parsed constants ([] for "none"), or an error line naming the flag.</summary>
    public static double[] Parse(string text, List<string> errors)
    {
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return [];
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 && double.IsFinite(d)) values.Add(d);
            else
            {
                errors.Add($"--exposure-decays '{text}': '{part}' is not a finite number > 0 (or give 'none')");
                return [.. AdModelLayout.DefaultExposureDecays];
            }
        if (values.Count > 16) errors.Add($"--exposure-decays '{text}': at most 16 time constants");
        return [.. values];
    }
}
