namespace Kairos.Environments;

/// <summary>All scenarios in the library (discovered by reflection: any <see cref="IScenario"/> with a
/// parameterless constructor), looked up by name with a did-you-mean error.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<IScenario>> _all = new(() =>
        typeof(ScenarioCatalog).Assembly.GetTypes()
            .Where(t => typeof(IScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList());

    public static IReadOnlyList<IScenario> All => _all.Value;

    public static IScenario Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new UserInputException(
            $"unknown environment '{name}'.{DidYouMean.Hint(name, All.Select(s => s.Name))} Valid: {string.Join(", ", All.Select(s => s.Name))}");
}
