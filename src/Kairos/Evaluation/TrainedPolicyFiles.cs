using Kairos.Scenarios;

namespace Kairos.Evaluation;

/// <summary>Where `kairos train` writes a policy unless told otherwise, and the command that makes a policy file.</summary>
public static class TrainedPolicyFiles
{
    /// <summary>Folder of default policy files, relative to the working directory.</summary>
    public const string DefaultDirectory = "kairos-models";

    /// <summary>Folder of the policies shipped with the repository (how they were made: data/models/NOTICE.md).</summary>
    public const string ShippedDirectory = "data/models";

    /// <summary>&lt;dir&gt;/&lt;scenario&gt;.tpprl.json, or .tpprl-wt0.json for the w_t = 0 ablation.</summary>
    public static string DefaultPath(IScenario scenario, bool wtZero, string? directory = null) =>
        Path.Combine(directory ?? DefaultDirectory, FileName(scenario, wtZero));

    public static string FileName(IScenario scenario, bool wtZero) => $"{scenario.Name}.{(wtZero ? "tpprl-wt0" : "tpprl")}.json";

    /// <summary>The `kairos train` command that writes a policy for <paramref name="scenario"/> to <paramref name="path"/>.</summary>
    public static string TrainCommand(IScenario scenario, bool wtZero, string path, double? budget = null) =>
        $"kairos train {scenario.Name}{(wtZero ? " --wt-zero" : "")}" +
        (budget is { } b ? FormattableString.Invariant($" --budget {b:G6}") : "") + $" --out {path}";
}
