using Kairos.Decisions;
using Kairos.Pomdp;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Tests.Scenarios;

public sealed class SequencingScenarioTests
{
    [Fact]
    public void Scenario_IsTheDigestsExampleA_WithChoiceBaselines()
    {
        var scenario = ScenarioCatalog.Get("sequencing");
        var env = scenario.CreateEnvironment();
        Assert.Equal(DecisionModes.Choice, env.Accepts);
        Assert.Equal(46, env.Spec.Horizon);   // n(0.01) for Example A (digest §9)
        var grid = (Kairos.Policies.Sequencing.GridSequencingPolicy)scenario.CreateBaseline("grid", null, 1);
        Assert.Equal(0.898687757362, grid.Table.Solution.GreedyValue, 12);   // J_46(0), digest §9
        Assert.All(scenario.BaselineNames, n =>
        {
            var p = scenario.CreateBaseline(n, null, 1);
            Assert.Equal(n, p.Name);
            Assert.Equal(DecisionModes.Choice, p.Modes);
        });
    }

    [Fact]
    public void Budget_OrUnknownBaseline_IsAUserError()
    {
        var scenario = new SequencingScenario();
        Assert.Contains("budget", Assert.Throws<UserInputException>(() => scenario.CreateBaseline("grid", 3, 1)).Message);
        Assert.Contains("myopic", Assert.Throws<UserInputException>(() => scenario.CreateBaseline("greedy", null, 1)).Message);
    }

    [Fact]
    public void Evaluator_RefusesATimingPolicyBeforeAnyEpisode()
    {
        var env = new SequencingScenario().CreateEnvironment();
        var e = Assert.Throws<PolicyContextException>(() =>
            Evaluator.Evaluate(env, [new Kairos.Policies.UniformPolicy(1)], 10, seed: 1));
        Assert.Contains("accepts only Choice", e.Message);
    }
}
