using Kairos.Cli.Demo;
using Kairos.Tests.Registration.Planted;

namespace Kairos.Tests.Registration;

/// <summary>The explicit-list checks can fail: an implementation that is not listed (planted in this test assembly)
/// is reported by the same <see cref="ListedTypes"/> code the real tests use.</summary>
public sealed class ListedTypesCanaryTests
{
    [Fact]
    public void Implementations_UnlistedStep_IsReported()
    {
        var found = ListedTypes.Implementations(typeof(PlantedDemoStep).Assembly, typeof(IDemoStep))
            .Where(t => t.Namespace == typeof(PlantedDemoStep).Namespace);
        Assert.Equal([typeof(PlantedDemoStep).FullName!], ListedTypes.Missing(found, []));
        Assert.Empty(ListedTypes.Missing(found, [typeof(PlantedDemoStep)]));
    }

    [Fact]
    public void CommandClasses_UnlistedVerb_IsReported()
    {
        var found = ListedTypes.CommandClasses(typeof(PlantedCommand).Assembly, typeof(PlantedCommand).Namespace!);
        Assert.Equal([typeof(PlantedCommand).FullName!], ListedTypes.Missing(found, []));
    }
}
