using System.CommandLine;
using System.Reflection;

namespace Kairos.Cli;

/// <summary>Finds the CLI's verbs, demo steps and bench sources by reflection, so each capability adds files
/// without editing a shared list.</summary>
internal static class Discovery
{
    /// <summary>Every public static <c>Create(CliIO)</c> returning a <see cref="Command"/> in namespace
    /// Kairos.Cli.Commands, sorted by verb name.</summary>
    public static IEnumerable<Command> Commands(CliIO io) =>
        typeof(Discovery).Assembly.GetTypes()
            .Where(t => t.Namespace == "Kairos.Cli.Commands" && t.IsClass)
            .Select(t => t.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(CliIO)]))
            .Where(m => m is not null && m.ReturnType == typeof(Command))
            .Select(m => (Command)m!.Invoke(null, [io])!)
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    /// <summary>Instances of every concrete implementation of <typeparamref name="T"/> with a parameterless
    /// constructor.</summary>
    public static IEnumerable<T> Instances<T>() =>
        typeof(Discovery).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);
}
