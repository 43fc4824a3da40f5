// Back edges planted on purpose, compiled into the test assembly only, so LayerRuleCanaryTests can show that the
// checker the architecture tests use reports them. They sit in Kairos.* namespaces of the product's layers.

namespace Kairos.Numerics.PlantedBackEdge
{
    /// <summary>A lower layer (Numerics) that uses a higher one (Scenarios), only inside a lambda's body.</summary>
    internal static class UsesScenarios
    {
        public static Func<int> ScenarioCount => () => Kairos.Scenarios.ScenarioCatalog.All.Count;
    }
}

namespace Kairos.Data.PlantedSiblingEdge
{
    /// <summary>A layer (Data) that uses its sibling (Models) through a field's type.</summary>
    internal sealed class UsesModels
    {
        public Kairos.Models.SpacedRepetition.StudentModel? Model { get; set; }
    }
}
