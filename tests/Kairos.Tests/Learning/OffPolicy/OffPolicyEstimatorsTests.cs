using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Policies;
using Kairos.Simulation;
using Xunit;

namespace Kairos.Tests.Learning.OffPolicy;

public sealed class OffPolicyEstimatorsTests
{
    private static readonly AdDeliveryEnvironment Env = new();

    [Fact]
    public void Evaluating_the_logging_policy_itself_gives_the_logged_mean()
    {
        var logging = new RandomChoicePolicy(0.5, "logging");
        var sim = AdLogSimulator.Simulate(Env, logging, 200, 4);
        var r = OffPolicyEstimators.Estimate(sim.Log, new RandomChoicePolicy(0.5), LinearUtilityModel.Fit(sim.Log));
        double mean = sim.Utility.Average();
        Assert.Equal(mean, r.Ips.Value, 9);
        Assert.Equal(mean, r.Snips.Value, 9);
        Assert.InRange(r.Dr!.Value - mean, -3 * r.Dr.StandardError, 3 * r.Dr.StandardError);   // control variates: zero mean, not zero
        Assert.Equal(200, r.Ips.EffectiveSampleSize, 6);
    }

    /// <summary>The coverage study in small: 50 logs of 200 users under random:0.5, each evaluating random:0.3 with
    /// studentized-bootstrap intervals (199 resamples, to stay fast); the truth is random:0.3's mean utility on 20,000
    /// other simulated users. The naive estimate (the logged mean) must miss, so the test can fail. (random:0.2, whose
    /// whole-trajectory weights have an effective sample size of order one in 200 users, covers only ≈ 85%:
    /// docs/ad-delivery.md.)</summary>
    [Fact]
    public void Snips_and_dr_intervals_cover_the_true_value_in_at_least_90_percent_of_50_repetitions()
    {
        var logging = new RandomChoicePolicy(0.5, "logging");
        var target = new RandomChoicePolicy(0.3, "target");
        double truth = AdLogSimulator.Simulate(Env, target, 20_000, 999, firstUser: 1_000_000).Utility.Average();
        int snips = 0, dr = 0, naive = 0;
        for (int rep = 0; rep < 50; rep++)
        {
            var sim = AdLogSimulator.Simulate(Env, logging, 200, 1000 + rep);
            var r = OffPolicyEstimators.Estimate(sim.Log, target, LinearUtilityModel.Fit(sim.Log), (ulong)rep, resamples: 199);
            if (r.Snips.Covers(truth)) snips++;
            if (r.Dr!.Covers(truth)) dr++;
            var logged = sim.Utility;
            double mean = logged.Average(), se = Math.Sqrt(logged.Sum(v => (v - mean) * (v - mean)) / (logged.Length - 1) / logged.Length);
            if (Math.Abs(mean - truth) <= 1.96 * se) naive++;
        }
        Assert.True(snips >= 45, $"SNIPS covered {snips}/50");
        Assert.True(dr >= 45, $"DR covered {dr}/50");
        Assert.True(naive < 40, $"the logged mean covered {naive}/50: the test cannot tell a wrong estimator");
    }
}
