using Kairos.Cli.Demo;

namespace Kairos.Tests.Cli.Demo;

/// <summary>The demo's bar advances by expected time, not by step count.</summary>
public sealed class DemoStepCostsTests
{
    [Fact]
    public void Starts_AreCumulativeCosts() =>
        Assert.Equal([0, 1, 4], DemoStepCosts.Starts([1, 3, 2]));

    [Fact]
    public void ExpectedSeconds_KnownStepsByMeasurement_UnknownByDefault()
    {
        var steps = DemoSteps.All();
        var costs = steps.Select(DemoStepCosts.ExpectedSeconds).ToArray();
        Assert.All(costs, c => Assert.True(c > 0));
        // The slow TPPRL spaced-repetition step weighs more than the quick student-model fit: equal weights would
        // leave the bar at one value for half the run.
        double Cost(string name) => DemoStepCosts.ExpectedSeconds(steps.Single(s => s.Name == name));
        Assert.True(Cost("spaced repetition: TPPRL") > 10 * Cost("student-model fit"));
    }
}
