namespace Kairos.Cli.Demo;

/// <summary>The demo's steps, in one explicit list (run order). A new step is added here; a test fails if an
/// <see cref="IDemoStep"/> in the assembly is missing from it.</summary>
public static class DemoSteps
{
    public static IReadOnlyList<IDemoStep> All() =>
    [
        new PointProcessDemoStep(),
        new PomdpDemoStep(),
        new TpprlDemoStep(),
        new SpacedRepetitionDemoStep(),
        new StudentFitDemoStep(),
        new SpacedRepetitionTpprlDemoStep(),
        new BroadcastingDemoStep(),
        new AdDeliveryDemoStep(),
    ];
}
