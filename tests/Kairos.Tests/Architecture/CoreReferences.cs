using System.Reflection;

namespace Kairos.Tests.Architecture;

/// <summary>The check behind the core's dependency test: which assemblies an assembly references that belong to
/// plotting, native graphics, web hosting or actor frameworks (these live in Kairos.Reports, Kairos.Server, ...).</summary>
internal static class CoreReferences
{
    public static IReadOnlyList<string> ForbiddenPrefixes { get; } =
        ["ScottPlot", "SkiaSharp", "HarfBuzzSharp", "Microsoft.AspNetCore", "Microsoft.Orleans", "Orleans"];

    public static IReadOnlyList<string> Forbidden(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => ForbiddenPrefixes.Any(p => name == p || name.StartsWith(p + ".", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
}
