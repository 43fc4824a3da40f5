using System.Reflection;
using Kairos.Cli;
using Kairos.Reports;
using Kairos.Scenarios;
using Kairos.Serving;

namespace Kairos.Tests.Architecture;

/// <summary>The layers of docs/ARCHITECTURE.md hold in the built assemblies: one test per layer namespace, generated
/// from <see cref="Layers.Order"/>.</summary>
public sealed class LayerTests
{
    internal static readonly Assembly[] Product =
        [typeof(IScenario).Assembly, typeof(HtmlReport).Assembly, typeof(DecisionEngine).Assembly,
         typeof(Kairos.Server.KairosServer).Assembly, typeof(Kairos.Orleans.UserGrain).Assembly, typeof(KairosCli).Assembly];

    public static TheoryData<string> Namespaces() => new(Layers.All);

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void Namespace_UsesNoHigherLayerAndNoSibling(string ns)
    {
        var violations = LayerRule.Violations(Product, ns);
        Assert.True(violations.Count == 0,
            $"{ns} may not use {string.Join(", ", Layers.ForbiddenFor(ns))}; these types do:\n  {string.Join("\n  ", violations)}");
    }

    [Fact]
    public void EveryNamespace_IsInTheLayerList()
    {
        var declared = Layers.All.ToHashSet();
        var unlisted = Product.SelectMany(a => a.GetTypes()).Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.Split('.')[0] == Layers.Root).Select(TopLevel).Where(ns => !declared.Contains(ns)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Empty(unlisted);
    }

    [Fact]
    public void AllowList_IsEmpty() => Assert.Empty(LayerRule.Allowed);

    /// <summary>Kairos.Data.Duolingo → Kairos.Data; Kairos → Kairos.</summary>
    private static string TopLevel(string ns)
    {
        var parts = ns.Split('.');
        return parts[0] == Layers.Root && parts.Length > 1 ? parts[0] + "." + parts[1] : ns;
    }
}
