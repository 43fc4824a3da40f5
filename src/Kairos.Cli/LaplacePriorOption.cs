using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>`--laplace-prior`: candidate prior precisions of the Laplace posterior (<see cref="Learning.AdDelivery.AdLaplace.Tune"/>).</summary>
public static class LaplacePriorOption
{
    public static Option<string?> Create() => new("--laplace-prior")
    {
        Description = "With --posterior laplace: comma-separated candidate prior precisions (each finite and > 0) of the Laplace approximation; " +
            "the one whose draws give the best log predictive on the held-out users is kept (default: 1, the MAP fit's prior).",
    };

    /// <summary>The candidates, null when the flag is absent, or an error line naming the flag.</summary>
    public static double[]? Parse(string? text, bool laplace, List<string> errors)
    {
        if (text is null) return null;
        if (!laplace) errors.Add("--laplace-prior needs --posterior laplace");
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 && double.IsFinite(d)) values.Add(d);
            else
            {
                errors.Add($"--laplace-prior '{text}': '{part}' is not a finite number > 0");
                return null;
            }
        if (values.Count > 32) errors.Add($"--laplace-prior '{text}': at most 32 candidates");
        return [.. values];
    }
}
