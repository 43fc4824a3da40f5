using Kairos.Data.PlantedSiblingEdge;
using Kairos.Numerics.PlantedBackEdge;

namespace Kairos.Tests.Architecture;

/// <summary>The layer rule can fail: the back edges planted in this test assembly (Planted/) are reported by the same
/// <see cref="LayerRule"/> and <see cref="Layers"/> the architecture tests run on the product.</summary>
public sealed class LayerRuleCanaryTests
{
    private static readonly System.Reflection.Assembly[] Tests = [typeof(UsesScenarios).Assembly];

    [Fact]
    public void Violations_LowerLayerUsesHigherInALambda_IsReported()
    {
        var violations = LayerRule.Violations(Tests, "Kairos.Numerics");
        Assert.Contains(violations, name => name.StartsWith(typeof(UsesScenarios).FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_SiblingUsesSibling_IsReported()
    {
        var violations = LayerRule.Violations(Tests, "Kairos.Data");
        Assert.Contains(typeof(UsesModels).FullName!, violations);
    }

    [Fact]
    public void Violations_HigherLayerUsesLower_IsAllowed()
    {
        // Scenarios is above Numerics and Data: the planted types' edges are back edges only seen from below.
        Assert.DoesNotContain("Kairos.Numerics", Layers.ForbiddenFor("Kairos.Scenarios"));
        Assert.Empty(LayerRule.Violations(Tests, "Kairos.Scenarios"));
    }
}
