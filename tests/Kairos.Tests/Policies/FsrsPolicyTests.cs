using Kairos.Decisions;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Policies;
using Kairos.PointProcesses;

namespace Kairos.Tests.Policies;

public sealed class FsrsPolicyTests
{
    private static readonly PolicyContext Context = new(3, 1, Horizon: 30, TimeUnit: "days");

    [Fact]
    public void Schedule_ReviewsEachItemWhenItsRetrievabilityFallsToTheDesiredRetention()
    {
        var policy = new FsrsPolicy(FsrsParameters.Default, [2.0, 5.0, 8.0], 0.8);
        var state = policy.CreateState(Context, new DecisionRandom(1));
        var model = FsrsModel.Default;
        double s0 = FsrsParameters.Default[2];
        Assert.Equal(0.8, model.Retrievability(state.Next.Time, s0), 12);
        // Observe a recalled review of the first item due: it is rescheduled from its Good-updated state.
        int item = state.Next.Mark;
        double t = state.Next.Time;
        state.Observe(new Event(t, EventKind.Action, item, 1.0), [1.0]);
        var expected = model.Next(new FsrsMemoryState(s0, new[] { 2.0, 5.0, 8.0 }[item]), t, FsrsRating.Good);
        var snapshot = state.Snapshot();
        Assert.Equal(expected.Stability, snapshot.Reals[item], 12);
        Assert.Equal(expected.Difficulty, snapshot.Reals[3 + item], 12);
        // Items not yet reviewed are next (same initial stability), and a forgotten review shrinks the interval.
        Assert.NotEqual(item, state.Next.Mark);
        var lapse = model.Next(new FsrsMemoryState(s0, 5.0), t, FsrsRating.Again);
        Assert.True(lapse.Stability < s0);
    }

    [Fact]
    public void Schedule_NeverReviewsAnItemSoonerThanADay_AndRefusesBadInput()
    {
        var policy = new FsrsPolicy(FsrsParameters.Default, [2.0, 5.0, 8.0], 0.999);
        var state = policy.CreateState(Context, new DecisionRandom(1));
        Assert.Equal(FsrsPolicy.MinimumInterval, state.Next.Time, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsPolicy(FsrsParameters.Default, [5.0], 1.0));
        Assert.Throws<PolicyContextException>(() => policy.CreateState(new PolicyContext(2, 1), new DecisionRandom(1)));
        Assert.Equal(0.9, FsrsPolicy.FromKnob(FsrsParameters.Default, [5.0], FsrsPolicy.KnobOf(0.9)).DesiredRetention, 12);
    }
}
