namespace Kairos.Cli.Demo;

/// <summary>The demo's steps in order (discovered: any <see cref="IDemoStep"/> with a parameterless
/// constructor).</summary>
public static class DemoSteps
{
    public static IReadOnlyList<IDemoStep> All() =>
        Discovery.Instances<IDemoStep>().OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
}
