using Kairos.Decisions;
using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.PointProcesses;

namespace Kairos.Tests.Policies;

/// <summary>The intensity a state shows (the dashboard's curve) is the one its sampler plans with.</summary>
public sealed class IntensityViewTests
{
    [Fact]
    public void Tpprl_intensity_integrates_to_the_remaining_exponential_target_up_to_the_planned_action()
    {
        var context = new CountingEnvironment(10, 4).Spec.Context;
        var policy = NeuralTppPolicy.Initialize(context, new Random(5), hidden: 8, initialRate: 2);
        var state = policy.CreateState(context, new DecisionRandom(DecisionRandom.KeyFor(3, "u")));
        double t = 0;
        IPolicyState before = state;
        for (int i = 0; i < 3; i++)
        {
            before = policy.Restore(state.Snapshot(), context);
            t = Math.Min(state.Next.Time, t + 0.2) * 0.999;   // feedback strictly before the pending action
            state.Observe(new Event(t, EventKind.Feedback, 0), Enumerable.Repeat(1.0, context.FeedbackSize).ToArray());
        }
        var view = Assert.IsAssignableFrom<IIntensityView>(state);
        var s = state.Snapshot();
        int h = 8;
        double remaining = s.Reals[h + 1] - s.Reals[h + 2], origin = s.Reals[h + 3];
        Assert.Equal(t, origin);
        double integral = Simpson(view.Intensity, origin, state.Next.Time, 2000);
        Assert.True(Math.Abs(integral - remaining) <= 1e-9 * Math.Max(1, remaining), $"∫λ = {integral:R}, remaining target {remaining:R}");
        // The curve of the piece before the last feedback (a view that ignored it) misses the target.
        var stale = (IIntensityView)before;
        Assert.True(Math.Abs(Simpson(stale.Intensity, origin, state.Next.Time, 2000) - remaining) > 1e-6);
    }

    [Fact]
    public void Uniform_intensity_is_its_rate()
    {
        var context = new PolicyContext(2, 0);
        var state = new UniformPolicy(2.5).CreateState(context, new DecisionRandom(7));
        Assert.Equal(2.5, Assert.IsAssignableFrom<IIntensityView>(state).Intensity(4.2));
    }

    private static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, sum = f(a) + f(b);
        for (int i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
