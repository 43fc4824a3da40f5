using System.CommandLine;

namespace Kairos.Cli;

/// <summary>Options shared by many verbs, spelled the same everywhere.</summary>
public static class CliOptions
{
    public static Option<int> Seed(int defaultValue = 1) => new("--seed")
    {
        Description = $"Random seed; the same seed gives the same result at any thread count (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON document on stdout (and nothing else); progress bars are off.",
    };

    public static Option<string> Out(string description, string? defaultValue = null)
    {
        var o = new Option<string>("--out") { Description = description };
        if (defaultValue is not null) o.DefaultValueFactory = _ => defaultValue;
        return o;
    }
}
