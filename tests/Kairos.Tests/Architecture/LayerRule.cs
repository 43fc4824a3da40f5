using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Kairos.Tests.Architecture;

/// <summary>The one checker behind the architecture tests: which types of a layer's namespace use a namespace the
/// layer list forbids it (NetArchTest reads the compiled IL: signatures, fields, attributes and method bodies).</summary>
internal static class LayerRule
{
    /// <summary>Known back edges still to be removed, per namespace. Must stay empty: an entry is a debt with a
    /// comment saying who removes it.</summary>
    public static IReadOnlyDictionary<string, string[]> Allowed { get; } = new Dictionary<string, string[]>();

    public static IReadOnlyList<string> Violations(IEnumerable<Assembly> assemblies, string ns)
    {
        var forbidden = Layers.ForbiddenFor(ns).Except(Allowed.GetValueOrDefault(ns, [])).ToArray();
        if (forbidden.Length == 0) return [];
        var result = Types.InAssemblies(assemblies).That().ResideInNamespaceMatching(Pattern(ns))
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypeNames.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The namespace itself or one under it; the root namespace only itself.</summary>
    public static string Pattern(string ns) =>
        ns == Layers.Root ? $"^{Regex.Escape(ns)}$" : $"^{Regex.Escape(ns)}(\\..*)?$";
}
