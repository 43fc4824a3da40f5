using Kairos.Scenarios;

namespace Kairos.Cli;

/// <summary>Looks up the environment a verb was given, with the names that verb accepts in its message: evaluate also
/// takes broadcasting (its own path), and the other verbs say where broadcasting is trained instead of "unknown".</summary>
internal static class CliScenarios
{
    public const string Broadcasting = "broadcasting";

    /// <summary>The scenario, or null with the reason added to <paramref name="errors"/>.</summary>
    public static IScenario? Get(string name, string verb, List<string> errors)
    {
        var match = ScenarioCatalog.All.FirstOrDefault(s => s.Name == name);
        if (match is not null) return match;
        if (name == Broadcasting && verb != "evaluate")
        {
            errors.Add($"'{Broadcasting}' has no `kairos {verb}`: `kairos evaluate {Broadcasting}` trains TPPRL on each broadcaster's " +
                       $"log before comparing it with the baselines, and `kairos experiment {Broadcasting}` runs the whole study");
            return null;
        }
        var names = ScenarioCatalog.All.Select(s => s.Name).ToList();
        if (verb == "evaluate") names.Add(Broadcasting);
        errors.Add($"unknown environment '{name}'.{DidYouMean.Hint(name, names)} Valid: {string.Join(", ", names)}");
        return null;
    }
}
