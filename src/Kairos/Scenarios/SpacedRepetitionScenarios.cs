using Kairos.Models.SpacedRepetition;

namespace Kairos.Scenarios;

/// <summary>The spaced-repetition scenarios' common inside: their simulated students.</summary>
public static class SpacedRepetitionScenarios
{
    /// <summary>The students of <paramref name="scenario"/>, or null when it is not a spaced-repetition scenario.</summary>
    public static IStudentPopulation? Student(IScenario scenario) => scenario switch
    {
        SpacedRepetitionScenario s => s.Options.Student,
        TimedSpacedRepetitionScenario s => s.Inner.Options.Student,
        FsrsSpacedRepetitionScenario s => s.Inner.Options.Student,
        DuolingoSpacedRepetitionScenario s => s.Inner.Options.Student,
        _ => null,
    };
}
