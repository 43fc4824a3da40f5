using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Tests.Neural.AdDelivery;

/// <summary>The exposure inputs against a hand computation, and the three places that compute them (the likelihood's
/// columns, a stepped <see cref="AdUserState"/>, the sampler's own densities along a simulated user) against each other.</summary>
public sealed class AdExposureTests
{
    private static readonly AdModelLayout Layout = new(4, 3, 2, [1, 4]);

    [Fact]
    public void Features_AreTimeSinceTheLastAd_AndDecayedCounts_IgnoringNone()
    {
        var x = new AdExposure(Layout, timeScale: 0.5, origin: 0.2);
        Span<double> z = stackalloc double[3];
        x.Write(1.2, z);
        Assert.Equal(Math.Log(1 + 1.0 / 0.5), z[0], 12);   // no ad yet: since the window start
        Assert.Equal(0, z[1]);
        x.Observe(new Event(1.0, EventKind.Action, 2));
        x.Observe(new Event(2.0, EventKind.Action, 0));     // "none" is no exposure
        x.Observe(new Event(3.0, EventKind.Action, 1));
        x.Observe(new Event(4.0, EventKind.Feedback, 2, 3.0));
        x.Write(4.5, z);
        Assert.Equal(Math.Log(1 + 1.5 / 0.5), z[0], 12);
        Assert.Equal((Math.Exp(-2.0 / 1) + 1) * Math.Exp(-1.5 / 1), z[1], 12);
        Assert.Equal((Math.Exp(-2.0 / 4) + 1) * Math.Exp(-1.5 / 4), z[2], 12);
    }

    [Fact]
    public void ALayoutWithoutExposure_HasOneFeature_AndWritesNothing()
    {
        var layout = new AdModelLayout(4, 3, 2);
        Assert.Equal(1, layout.FeatureSize);
        Assert.Equal(0, new AdExposure(layout, 1).Size);
        Assert.Equal(4, Layout.FeatureSize);
        Assert.NotEqual(layout, Layout);
        Assert.True(Layout.Length > layout.Length);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]   // the packed H = 16 path
    public void SteppedStates_MatchTheLikelihoodsStates(int hidden)
    {
        var layout = new AdModelLayout(hidden, 3, 2, [1, 4, 16]);
        var rng = new Random(5);
        var net = new AdNetwork(layout, 0.8, AdFixtures.RandomTheta(layout, rng, 0.5));
        var user = AdFixtures.RandomUser(layout, rng, 40);
        var ws = new AdLikelihoodWorkspace(layout);
        AdLikelihood.Evaluate(net, user, ws);
        var state = new AdUserState(net);
        for (int k = 0; k < user.Events.Count; k++)
        {
            state.Step(user.Events[k]);
            var h = ws.State(k + 1);
            for (int i = 0; i < hidden; i++) Assert.Equal(h[i], state.H[i], 12);
        }
    }

    /// <summary>A user drawn by <see cref="AdSampler"/> with the state stepped by <see cref="AdUserState"/> (random ads at
    /// its opportunities): the sum of the sampler's own log-densities equals the likelihood of the drawn history. A
    /// history whose exposure inputs were computed differently (one ad moved to another opportunity) scores otherwise.</summary>
    [Fact]
    public void SampledHistory_ScoresAsTheSamplersDensities()
    {
        var layout = new AdModelLayout(8, 3, 2, [1, 4, 16]);
        var rng = new Random(9);
        var theta = AdFixtures.RandomTheta(layout, rng, 0.4);
        for (int i = layout.Cell.Wr; i < layout.Cell.Wt; i++) theta[i] *= 4;   // the exposure inputs matter
        theta[layout.TypeB + layout.OpportunityType] = 1.5;                     // opportunities are common
        var net = new AdNetwork(layout, 0.5, theta);
        bool[] valued = [false, false, true];
        var state = new AdUserState(net);
        var events = new List<Event>();
        Span<double> p = stackalloc double[layout.Types];
        double t = 0, end = 20, sum = 0;
        while (true)
        {
            var law = AdHeads.Time(net.Theta, layout, net.LogTimeScale, state.H);
            var next = AdSampler.Next(net, state.H, valued, rng, p);
            if (t + next.Gap > end)
            {
                sum += BurrXIILogParameters.LogSurvival(law.LogScale, law.Shape, law.Tail, end - t, new double[3]);
                break;
            }
            t += next.Gap;
            int type = next.Kind == EventKind.Opportunity ? layout.OpportunityType : next.Mark;
            sum += BurrXIILogParameters.LogDensity(law.LogScale, law.Shape, law.Tail, next.Gap, new double[3]) + Math.Log(p[type]);
            if (next.Value is { } v)
            {
                var (mean, logSd, _) = AdHeads.Value(net.Theta, layout, next.Mark, state.H);
                double r = (Math.Log(v) - mean) / Math.Exp(logSd);
                sum += -0.5 * Math.Log(2 * Math.PI) - logSd - 0.5 * r * r - Math.Log(v);
            }
            var e = new Event(t, next.Kind, next.Mark, next.Value);
            events.Add(e);
            state.Step(e);
            if (next.Kind != EventKind.Opportunity) continue;
            var decision = new Event(t, EventKind.Action, rng.Next(layout.Ads + 1));
            events.Add(decision);
            state.Step(decision);
        }
        Assert.True(events.Count(e => e.Kind == EventKind.Action && e.Mark > 0) >= 3, "the draw should deliver a few ads");
        var ws = new AdLikelihoodWorkspace(layout);
        double ll = AdLikelihood.Evaluate(net, new AdUserSequence("u", events, end, layout), ws).Total;
        Assert.Equal(sum, ll, 8);
        var slower = new AdModelLayout(8, 3, 2, [1, 4, 17]);   // the same θ, one time constant off
        double other = AdLikelihood.Evaluate(new AdNetwork(slower, 0.5, theta), new AdUserSequence("u", events, end, slower),
            new AdLikelihoodWorkspace(slower)).Total;
        Assert.True(Math.Abs(other - sum) > 1e-4, $"a wrong time constant changed the likelihood by only {other - sum}");
    }
}
