using System.CommandLine;
using System.Reflection;
using Kairos.Cli;

namespace Kairos.Tests.Registration;

/// <summary>The check behind every explicit-list test. Scenarios, verbs, demo steps and bench sources are registered
/// in explicit lists; reflection is used only here, to find the implementations a list leaves out.</summary>
internal static class ListedTypes
{
    /// <summary>Concrete classes in <paramref name="assembly"/> that implement <paramref name="contract"/>.</summary>
    public static IEnumerable<Type> Implementations(Assembly assembly, Type contract) =>
        assembly.GetTypes().Where(t => contract.IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

    /// <summary>Classes in namespace <paramref name="ns"/> with a public static <c>Create(CliIO)</c> returning a
    /// <see cref="Command"/>: the shape of a verb.</summary>
    public static IEnumerable<Type> CommandClasses(Assembly assembly, string ns) =>
        assembly.GetTypes().Where(t => t.Namespace == ns && t.IsClass
            && t.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(CliIO)])?.ReturnType == typeof(Command));

    /// <summary>The <paramref name="found"/> types missing from <paramref name="listed"/>, by full name.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<Type> found, IEnumerable<Type> listed)
    {
        var set = listed.ToHashSet();
        return found.Where(t => !set.Contains(t)).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
    }
}
