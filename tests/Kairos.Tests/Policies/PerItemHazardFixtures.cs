using Kairos.Decisions;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Policies;
using Kairos.PointProcesses;

namespace Kairos.Tests.Policies;

/// <summary>A five-item course with FSRS memory features and a per-item policy whose slopes matter, and a driver that
/// runs a state on it as the event loop would (recall drawn from the features' own R̂, so the history is plausible).</summary>
internal static class PerItemHazardFixtures
{
    public static readonly FsrsItemFeatures Items = new(FsrsParameters.Default, [2.0, 4.0, 6.0, 8.0, 9.5], horizon: 14, testDelay: 2);
    public static readonly PolicyContext Context = new(5, 1, Horizon: 14, Origin: 1, TimeUnit: "days");

    /// <summary>θ = [b, w, γ (3), u (6)]: sharp in 1 − R̂ now, a shared decay, some weight on every input.</summary>
    public static PerItemHazardPolicy Policy(double sharpness = 12, double w = -0.2)
    {
        var layout = PerItemHazardPolicy.LayoutFor(Items, 5);
        var theta = new double[layout.Length];
        theta[PerItemHazardLayout.B] = Math.Log(2.0);
        theta[PerItemHazardLayout.W] = w;
        for (int q = 0; q < layout.Shared; q++) theta[PerItemHazardLayout.Gamma + q] = 0.3 * Math.Sin(q + 1);
        for (int j = 0; j < layout.Features; j++) theta[layout.U + j] = 0.4 * Math.Cos(j);
        theta[layout.U] = sharpness;
        return new PerItemHazardPolicy(Items, 5, theta);
    }

    /// <summary>On the retrievability clock: θ = [b, κ, γ (3), u (6)], κ the weight on −ln R̂(t), b set so that an item
    /// fires at about <paramref name="rate"/> a day once its R̂ is 0.9, some weight on every input.</summary>
    public static PerItemHazardPolicy ClockPolicy(double kappa = 30, double rate = 0.8)
    {
        var layout = PerItemHazardPolicy.LayoutFor(Items, 5, PerItemClock.Retrievability);
        var theta = new double[layout.Length];
        theta[PerItemHazardLayout.B] = Math.Log(rate) + kappa * Math.Log(0.9);
        theta[PerItemHazardLayout.W] = kappa;
        for (int q = 0; q < layout.Shared; q++) theta[PerItemHazardLayout.Gamma + q] = 0.3 * Math.Sin(q + 1);
        for (int j = 0; j < layout.Features; j++) theta[layout.U + j] = 0.4 * Math.Cos(j);
        return new PerItemHazardPolicy(Items, 5, theta, clock: PerItemClock.Retrievability);
    }

    /// <summary>Runs <paramref name="state"/> to the horizon, executing every planned action; calls
    /// <paramref name="beforeAction"/> with each planned action and <paramref name="onFeedback"/> with each feedback
    /// time (every <paramref name="feedbackEvery"/>) before the state observes it.</summary>
    public static int Run(PerItemHazardState state, int seed, Action<PlannedAction>? beforeAction = null, double? feedbackEvery = null,
        Action<double>? onFeedback = null)
    {
        var rng = new Random(seed);
        double end = Context.End("test"), nextFeedback = feedbackEvery is { } f ? Context.Origin + f : double.PositiveInfinity;
        int actions = 0;
        while (true)
        {
            var next = state.Next;
            if (nextFeedback < next.Time && nextFeedback <= end)
            {
                onFeedback?.Invoke(nextFeedback);
                state.Observe(new Event(nextFeedback, EventKind.Feedback), [0]);
                nextFeedback += feedbackEvery!.Value;
                continue;
            }
            if (!(next.Time <= end)) return actions;
            beforeAction?.Invoke(next);
            double recall = rng.NextDouble() < 0.8 ? 1 : 0;
            state.Observe(new Event(next.Time, EventKind.Action, next.Mark, recall), [recall]);
            actions++;
        }
    }
}
