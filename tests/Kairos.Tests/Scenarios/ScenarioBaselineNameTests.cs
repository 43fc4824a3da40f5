using Kairos.Scenarios;

namespace Kairos.Tests.Scenarios;

/// <summary>Every scenario builds exactly the baseline it is asked for, by name, and refuses other names with a
/// did-you-mean (a name missing from a switch used to become the oracle silently).</summary>
public sealed class ScenarioBaselineNameTests
{
    public static TheoryData<string> Scenarios() => [.. ScenarioCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryBaselineName_BuildsThePolicyOfThatName(string scenarioName)
    {
        var scenario = ScenarioCatalog.Get(scenarioName);
        foreach (var name in scenario.BaselineNames)
            Assert.Equal(name, scenario.CreateBaseline(name, null, 1).Name);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void UnknownBaselineName_IsAUserErrorWithASuggestion(string scenarioName)
    {
        var scenario = ScenarioCatalog.Get(scenarioName);
        string near = scenario.BaselineNames[^1][..^1];
        var e = Assert.Throws<UserInputException>(() => scenario.CreateBaseline(near, null, 1));
        Assert.Contains($"Did you mean '{scenario.BaselineNames[^1]}'?", e.Message);
        Assert.Throws<UserInputException>(() => scenario.CreateBaseline("no-such-baseline", 10, 1));
    }
}
