using System.CommandLine;
using Kairos.Learning.AdDelivery;

namespace Kairos.Cli;

/// <summary>`--posterior`: how the ad model's posterior members are built (<see cref="AdPosteriorKind"/>).</summary>
public static class PosteriorOption
{
    private static readonly string[] Names = ["bootstrap", "ensemble", "laplace"];

    public static Option<string> Create() => new("--posterior")
    {
        Description = "How the posterior members are built: bootstrap (each a fit on a resample of the training users drawn with replacement), " +
            "ensemble (each a fit on all training users from its own initial parameters: a deep ensemble) or laplace (each a draw from the " +
            "diagonal Laplace approximation around the MAP fit: no extra fits, so --ensemble can be large) (default bootstrap).",
        DefaultValueFactory = _ => "bootstrap",
    };

    /// <summary>The kind named; an error otherwise (and bootstrap).</summary>
    public static AdPosteriorKind Parse(string text, List<string> errors)
    {
        switch (text)
        {
            case "bootstrap": return AdPosteriorKind.Bootstrap;
            case "ensemble": return AdPosteriorKind.Ensemble;
            case "laplace": return AdPosteriorKind.Laplace;
        }
        errors.Add($"--posterior '{text}' is unknown.{DidYouMean.Hint(text, Names)} Allowed: {string.Join(", ", Names)}");
        return AdPosteriorKind.Bootstrap;
    }
}
