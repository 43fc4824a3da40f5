using Kairos.Data.AdLogs;
using Kairos.Environments.AdDelivery;
using Kairos.Policies;
using Kairos.Scenarios;
using Kairos.Simulation;
using Xunit;

namespace Kairos.Tests.Environments.AdDelivery;

public sealed class AdDeliveryPoliciesTests
{
    [Fact]
    public void Oracle_beats_logging_never_and_always_on_the_same_users()
    {
        var scenario = new AdDeliveryScenario();
        var env = scenario.CreateEnvironment();
        var policies = new[] { "logging", "never", "oracle" }.Select(n => scenario.CreateBaseline(n, null, 3))
            .Append(new ConstantChoicePolicy(2, "always")).ToList();
        var r = Evaluator.Evaluate(env, policies, 300, 3);
        double[] Mean = r.Select(p => p.Values("utility").Average()).ToArray();
        double oracle = Mean[2];
        Assert.True(oracle > Mean[0] + 0.05, $"oracle {oracle} vs logging {Mean[0]}");
        Assert.True(oracle > Mean[1] + 0.05, $"oracle {oracle} vs never {Mean[1]}");
        Assert.True(oracle > Mean[3] + 0.05, $"oracle {oracle} vs always {Mean[3]}");
    }

    [Fact]
    public void Simulated_log_is_the_evaluated_user_and_its_utility_is_in_the_log()
    {
        var env = new AdDeliveryEnvironment();
        var policy = new RandomChoicePolicy(0.5, "logging");
        var sim = AdLogSimulator.Simulate(env, policy, 40, 9);
        for (int i = 0; i < 40; i++)
        {
            var run = EpisodeRunner.Run(env, policy, 9, i);
            Assert.Equal(run.Reward, sim.Utility[i], 12);
            Assert.Equal(run.Reward, sim.Log.Users[i].Utility(), 9);
            Assert.Equal(run.Decisions, sim.Log.Users[i].Decisions.Count);
            Assert.Equal(run.Actions, Enumerable.Range(0, run.Decisions).Count(k => sim.Log.Users[i].DecisionMark(k) != AdMarks.None));
        }
        Assert.True(sim.Log.HasPropensities);
        Assert.All(sim.Log.Users.SelectMany(u => u.Propensities), p => Assert.True(p == 0.5 || Math.Abs(p!.Value - 0.5 / 3) < 1e-15));
    }

    [Fact]
    public void Simulation_does_not_depend_on_the_thread_count()
    {
        var env = new AdDeliveryEnvironment();
        var oracle = new AdDeliveryOracle(8);
        var one = AdLogSimulator.Simulate(env, oracle, 24, 5, threads: 1);
        var many = AdLogSimulator.Simulate(env, oracle, 24, 5, threads: 4);
        Assert.Equal(one.Utility, many.Utility);
        Assert.Equal(one.Log.Users.SelectMany(u => u.Events), many.Log.Users.SelectMany(u => u.Events));
    }
}
