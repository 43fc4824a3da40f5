using Kairos.PointProcesses;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Tests.Policies;

public class DeadlineFeaturesTests
{
    [Theory]
    // t (days) of T = 14: expected t/T and u = ln((1 + ε)/(1 − t/T + ε)) / ln((1 + ε)/ε), ε = 1/336 (independent closed form)
    [InlineData(0.0, 0.0)]
    [InlineData(7.0, 0.5)]
    [InlineData(13.0, 13.0 / 14)]
    [InlineData(14.0, 1.0)]
    public void Write_TimesInTheEpisode_GivesFractionAndLogTimeToGo(double t, double fraction)
    {
        // Given an event at t in a 14-day episode
        var spec = new EpisodeSpec(14, 50, 1, "days").Context;
        Span<double> z = stackalloc double[2];
        // When the features are written
        new DeadlineFeatures().Write(new Event(t, EventKind.Action, 0, 1), spec, z);
        // Then z = (t/T, u)
        double eps = 1.0 / 336, u = Math.Log((1 + eps) / (1 - fraction + eps)) / Math.Log((1 + eps) / eps);
        Assert.Equal(fraction, z[0], 14);
        Assert.Equal(u, z[1], 14);
        Assert.InRange(z[1], 0, 1);
    }

    [Fact]
    public void Write_LastDay_SpansAboutHalfOfTheLogScale()
    {
        // The reason for the feature: the last day of 14 covers u ∈ [~0.47, 1], where t/T covers only [0.93, 1].
        var spec = new EpisodeSpec(14, 1, 0).Context;
        Span<double> a = stackalloc double[2], b = stackalloc double[2];
        new DeadlineFeatures().Write(new Event(13, EventKind.Action, 0, null), spec, a);
        new DeadlineFeatures().Write(new Event(14, EventKind.Action, 0, null), spec, b);
        Assert.InRange(b[1] - a[1], 0.45, 0.6);
        Assert.InRange(b[0] - a[0], 0.07, 0.072);
    }
}
