using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Tests.Environments.AdDelivery;

/// <summary>The Bayes oracle's trait posterior (<see cref="AdTraitParticles"/>): on long histories of simulated users under
/// the logging policy, the posterior mean of ln activity (identified by ~75 opportunity gaps) and of the lift of the dearest ad (weakly: ~12 deliveries, their clicks and
/// conversions) must be closer to the
/// user's true value than the prior mean is; the same posteriors scored against another user's traits must not be (the control that the check can fail).</summary>
public sealed class AdTraitParticlesTests
{
    [Fact]
    public void Posterior_OnLongHistories_RecoversActivityAndLift()
    {
        var config = AdDeliveryConfig.Default with { Horizon = 60 };
        double priorActivity = 0, posteriorActivity = 0, priorLift = 0, posteriorLift = 0, otherActivity = 0;
        var estimates = new List<double>();
        var truths = new List<double>();
        double meanLnLift = Math.Log(config.AdLift[2]) - config.AdLiftSpread * config.AdLiftSpread / 2;
        const int users = 12;
        for (int u = 0; u < users; u++)
        {
            var user = new AdDeliveryEpisode(config, (ulong)(1000 + u));
            var random = new DecisionRandom((ulong)u + 7);
            var particles = new AdTraitParticles(config, 2048, ref random);
            var rng = new Random(u);
            while (user.NextFeedbackTime <= config.Horizon)
            {
                var e = user.TakeFeedback(rng);
                particles.Observe(e);
                if (e.Kind == EventKind.Opportunity && rng.NextDouble() < 0.5)
                    particles.Observe(user.Act(e.Time, rng.Next(config.AdCount), rng) with { Value = null });
            }
            var w = particles.Weights(config.Horizon);
            double activity = 0, lift = 0;
            for (int i = 0; i < w.Length; i++)
            {
                activity += w[i] * Math.Log(particles.Traits(i).Activity);
                lift += w[i] * Math.Log(particles.Traits(i).Lift[2]);
            }
            double trueActivity = Math.Log(user.Traits.Activity), trueLift = Math.Log(user.Traits.Lift[2]);
            estimates.Add(activity);
            truths.Add(trueActivity);
            priorActivity += trueActivity * trueActivity / users;
            posteriorActivity += (activity - trueActivity) * (activity - trueActivity) / users;
            priorLift += (meanLnLift - trueLift) * (meanLnLift - trueLift) / users;
            posteriorLift += (lift - trueLift) * (lift - trueLift) / users;
        }
        for (int u = 0; u < users; u++) otherActivity += Math.Pow(estimates[u] - truths[(u + 1) % users], 2) / users;
        Assert.True(otherActivity > 0.5 * priorActivity, $"ln activity against another user's truth: MSE {otherActivity}, prior {priorActivity}");
        Assert.True(posteriorActivity < 0.4 * priorActivity, $"ln activity: posterior MSE {posteriorActivity}, prior {priorActivity}");
        Assert.True(posteriorLift < 0.75 * priorLift, $"(activity {posteriorActivity} vs {priorActivity}, other {otherActivity}) ln lift of ad 3: posterior MSE {posteriorLift}, prior {priorLift}");
    }
}
