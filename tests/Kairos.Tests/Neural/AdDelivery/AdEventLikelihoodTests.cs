using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Tests.Neural.AdDelivery;

/// <summary>The running log-likelihood of a tracked <see cref="AdUserState"/> (<see cref="AdEventLikelihood"/>, one
/// head evaluation per event) against the batch likelihood <see cref="AdLikelihood"/> of the same history, an independent
/// path (packed heads, precomputed steps).</summary>
public sealed class AdEventLikelihoodTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void TrackedState_SumsTheBatchLogLikelihoodOfTheHistory(int seed, bool exposure)
    {
        var layout = exposure ? new AdModelLayout(5, 3, 3, AdModelLayout.DefaultExposureDecays) : new AdModelLayout(5, 3, 3);
        var rng = new Random(seed);
        var net = new AdNetwork(layout, 0.7, AdFixtures.RandomTheta(layout, rng, 0.6));
        var events = AdFixtures.RandomUser(layout, rng, 60).Events;
        var state = new AdUserState(net) { TracksLikelihood = true };
        for (int n = 1; n <= events.Count; n++)
        {
            state.Step(events[n - 1]);
            if (n % 7 != 0 && n != events.Count) continue;
            var history = new AdUserSequence("u", events.Take(n).ToList(), events[n - 1].Time, layout);   // ends at its latest event: no censoring term
            double batch = AdLikelihood.Evaluate(net, history, new AdLikelihoodWorkspace(layout)).Total;
            Assert.Equal(batch, state.LogLikelihood, 1e-9 * Math.Max(1, Math.Abs(batch)));
        }
        Assert.True(state.LogLikelihood != 0);
    }

    [Fact]
    public void UntrackedState_StaysAtZero()
    {
        var layout = new AdModelLayout(3, 3, 2);
        var rng = new Random(4);
        var state = new AdUserState(new AdNetwork(layout, 1, AdFixtures.RandomTheta(layout, rng)));
        foreach (var e in AdFixtures.RandomUser(layout, rng, 20).Events) state.Step(e);
        Assert.Equal(0, state.LogLikelihood);
    }
}
