using Kairos.Environments.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Xunit;

namespace Kairos.Tests.Environments.AdDelivery;

public sealed class AdDeliveryEpisodeTests
{
    [Fact]
    public void Opportunity_gaps_follow_the_users_burr_law_and_a_wrong_scale_is_rejected()
    {
        var config = AdDeliveryConfig.Default;
        var episode = new AdDeliveryEpisode(config, 12345);
        var gaps = new List<double>();
        double last = 0;
        while (gaps.Count < 3000)
        {
            var e = episode.TakeFeedback(null!);
            if (e.Kind != EventKind.Opportunity) continue;
            gaps.Add(e.Time - last);
            last = e.Time;
        }
        var law = AdDeliveryEpisode.OpportunityGap(config, episode.Traits);
        Assert.True(KolmogorovSmirnov.Test(gaps.ToArray(), law.Cdf).PValue > 1e-3);
        var wrong = new BurrXII(law.Scale * 1.2, law.Shape, law.Tail);
        Assert.True(KolmogorovSmirnov.Test(gaps.ToArray(), wrong.Cdf).PValue < 1e-6);
    }

    /// <summary>Ad-induced conversions of user i form a Poisson process whose count on [0, T] has mean E_i =
    /// ExpectedConversions of the response after the ads; Σ(N_i − E_i)/√ΣE_i is then ≈ N(0, 1).</summary>
    [Fact]
    public void Ad_induced_conversions_match_the_decaying_fatigued_intensity_and_a_model_without_fatigue_is_rejected()
    {
        var config = AdDeliveryConfig.Default with { BaseConversionRate = 1e-12, Horizon = 6 };
        double count = 0, expected = 0, expectedNoFatigue = 0;
        for (ulong key = 1; key <= 3000; key++)
        {
            var episode = new AdDeliveryEpisode(config, key);
            episode.Act(0, 2, null!);
            count += Conversions(episode, 0.5);
            episode.Act(0.5, 2, null!);
            count += Conversions(episode, config.Horizon);
            var t = episode.Traits;
            var first = new AdResponse(0, 0, 0).AfterAd(2, t);
            double early = first.ExpectedConversions(0.5, config);
            expected += early + first.At(0.5, config).AfterAd(2, t).ExpectedConversions(config.Horizon, config);
            expectedNoFatigue += early + (first.At(0.5, config) with { Fatigue = 0 }).AfterAd(2, t).ExpectedConversions(config.Horizon, config);
        }
        Assert.InRange((count - expected) / Math.Sqrt(expected), -4, 4);
        Assert.True(Math.Abs((count - expectedNoFatigue) / Math.Sqrt(expectedNoFatigue)) > 6);
    }

    private static int Conversions(AdDeliveryEpisode episode, double until)
    {
        int n = 0;
        while (episode.NextFeedbackTime < until)
            if (episode.TakeFeedback(null!) is { Kind: EventKind.Feedback, Mark: 2 }) n++;
        return n;
    }

    [Fact]
    public void Exogenous_processes_are_the_same_user_whatever_the_policy_does()
    {
        var config = AdDeliveryConfig.Default;
        static double[] Opportunities(AdDeliveryEpisode e, bool act)
        {
            var times = new List<double>();
            while (e.NextFeedbackTime <= 14)
            {
                var ev = e.TakeFeedback(null!);
                if (ev.Kind != EventKind.Opportunity) continue;
                times.Add(ev.Time);
                if (act) e.Act(ev.Time, 1, null!);
            }
            return times.ToArray();
        }
        Assert.Equal(Opportunities(new AdDeliveryEpisode(config, 77), false), Opportunities(new AdDeliveryEpisode(config, 77), true));
    }
}
