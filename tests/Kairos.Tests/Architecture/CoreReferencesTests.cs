using Kairos.Reports;
using Kairos.Scenarios;

namespace Kairos.Tests.Architecture;

public sealed class CoreReferencesTests
{
    [Fact]
    public void CoreAssembly_ReferencesNoPlottingWebOrActorAssemblies()
    {
        var core = typeof(IScenario).Assembly;
        Assert.Equal("Kairos.Core", core.GetName().Name);
        Assert.Empty(CoreReferences.Forbidden(core));
    }

    [Fact]
    public void ReportsAssembly_ReferencesScottPlot_SoTheCheckCanFail() =>
        Assert.Contains("ScottPlot", CoreReferences.Forbidden(typeof(Plots).Assembly));
}
