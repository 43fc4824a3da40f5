using System.CommandLine;
using Kairos.Learning.Fsrs;
using Kairos.Scenarios;

namespace Kairos.Cli;

/// <summary>`--fsrs-params FILE`: run an FSRS scenario with parameters fitted by `kairos fit-fsrs` (logs → model → policy).</summary>
public static class FsrsParamsOption
{
    public static Option<string?> Create() => new("--fsrs-params")
    {
        Description = "FSRS-6 model file from `kairos fit-fsrs --out` for the students (and the fsrs scheduler) of " +
                      $"{FsrsSpacedRepetitionScenario.ScenarioName}, {FsrsSpacedRepetitionScenario.RetentionScenarioName} and their -timed/-memory variants (default: the FSRS-6 defaults).",
    };

    /// <summary>The scenario with the file's parameters; problems go to <paramref name="errors"/> under the flag.</summary>
    public static IScenario? Apply(IScenario? scenario, string? path, List<string> errors)
    {
        if (path is null || scenario is null) return scenario;
        if (scenario is not FsrsSpacedRepetitionScenario fsrs)
        {
            errors.Add($"--fsrs-params applies to {FsrsSpacedRepetitionScenario.ScenarioName} and {FsrsSpacedRepetitionScenario.RetentionScenarioName}, not {scenario.Name}");
            return scenario;
        }
        try { return fsrs.WithParameters(FsrsParameterFile.Read(path)); }
        catch (UserInputException e)
        {
            errors.AddRange(e.Problems.Select(p => "--fsrs-params " + p));
            return scenario;
        }
    }
}
