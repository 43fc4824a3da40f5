using System.CommandLine;

namespace Kairos.Cli;

/// <summary>`--posterior`: how the ad model's posterior members see the data (<see cref="Learning.AdDelivery.AdModelFitOptions.Bootstrap"/>).</summary>
public static class PosteriorOption
{
    public static Option<string> Create() => new("--posterior")
    {
        Description = "How the posterior members are fitted: bootstrap (each on a resample of the training users drawn with replacement) or " +
            "ensemble (each on all training users from its own initial parameters: a deep ensemble) (default bootstrap).",
        DefaultValueFactory = _ => "bootstrap",
    };

    /// <summary>True for bootstrap, false for ensemble; an error otherwise.</summary>
    public static bool Parse(string text, List<string> errors)
    {
        if (text is "bootstrap" or "ensemble") return text == "bootstrap";
        errors.Add($"--posterior '{text}' is unknown.{DidYouMean.Hint(text, ["bootstrap", "ensemble"])} Allowed: bootstrap, ensemble");
        return true;
    }
}
