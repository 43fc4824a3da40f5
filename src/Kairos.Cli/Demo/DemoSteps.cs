namespace Kairos.Cli.Demo;

/// <summary>The demo's steps in order; each capability adds its own.</summary>
public static class DemoSteps
{
    public static IReadOnlyList<IDemoStep> All() =>
    [
    ];
}
