using Kairos.Cli;
using Kairos.Cli.Bench;
using Kairos.Cli.Demo;
using Kairos.Scenarios;

namespace Kairos.Tests.Registration;

/// <summary>Every implementation in the assembly is in its explicit list, and no list names one twice.</summary>
public sealed class ExplicitListTests
{
    [Fact]
    public void ScenarioCatalog_ListsEveryScenario()
    {
        var listed = ScenarioCatalog.All.Select(s => s.GetType()).ToList();
        Assert.Empty(ListedTypes.Missing(ListedTypes.Implementations(typeof(IScenario).Assembly, typeof(IScenario)), listed));
        Assert.Equal(ScenarioCatalog.All.Count, ScenarioCatalog.All.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Verbs_ListsEveryCommandClass()
    {
        var listed = Verbs.Factories.Select(f => f.Method.DeclaringType!).ToList();
        Assert.Empty(ListedTypes.Missing(ListedTypes.CommandClasses(typeof(Verbs).Assembly, "Kairos.Cli.Commands"), listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var names = Verbs.Create(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false)).Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void DemoSteps_ListsEveryStep()
    {
        var listed = DemoSteps.All().Select(s => s.GetType()).ToList();
        Assert.Empty(ListedTypes.Missing(ListedTypes.Implementations(typeof(IDemoStep).Assembly, typeof(IDemoStep)), listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public void BenchSources_ListsEverySource()
    {
        var listed = BenchSources.All().Select(s => s.GetType()).ToList();
        Assert.Empty(ListedTypes.Missing(ListedTypes.Implementations(typeof(IBenchSource).Assembly, typeof(IBenchSource)), listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }
}
