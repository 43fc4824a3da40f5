namespace Kairos.Scenarios;

/// <summary>All scenarios in the library, in one explicit list (display order), looked up by name. A new scenario is
/// added here; a test fails if any <see cref="IScenario"/> in the assembly is missing from the list.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<IScenario>> _all = new(() =>
    [
        new SpacedRepetitionScenario(),
        new DuolingoSpacedRepetitionScenario(),
        new TimedSpacedRepetitionScenario(),
        new FsrsSpacedRepetitionScenario(),
        new FsrsSpacedRepetitionScenario(retention: true),
        new FsrsSpacedRepetitionScenario(timed: true),
        new FsrsSpacedRepetitionScenario(memory: true),
        new FsrsSpacedRepetitionScenario(retention: true, memory: true),
        new CountingScenario(),
        new SwitchingScenario(),
        new SequencingScenario(),
        new AdDeliveryScenario(),
    ]);

    public static IReadOnlyList<IScenario> All => _all.Value;

    public static IScenario Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new UserInputException(
            $"unknown environment '{name}'.{DidYouMean.Hint(name, All.Select(s => s.Name))} Valid: {string.Join(", ", All.Select(s => s.Name))}");
}
