namespace Kairos.Cli.Bench;

/// <summary>Every source of `kairos bench` figures, in one explicit list (output order). A new source is added here;
/// a test fails if an <see cref="IBenchSource"/> in the assembly is missing from it.</summary>
public static class BenchSources
{
    public static IReadOnlyList<IBenchSource> All() =>
    [
        new HawkesBench(),
        new SamplerBench(),
        new PomdpBench(),
        new SpacedRepetitionBench(),
        new FsrsFitBench(),
        new TpprlBench(),
        new BroadcastingBench(),
        new AdModelBench(),
        new AdFitBench(),
    ];
}
