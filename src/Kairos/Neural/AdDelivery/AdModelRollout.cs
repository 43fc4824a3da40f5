using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// One user simulated from the fitted model from a history's state: decision <c>first</c> at the opportunity whose
/// state is <c>at</c> (time <c>now</c>), then user events drawn exactly (<see cref="AdSampler"/>) from <c>at</c>'s
/// network until <c>end</c>, with a <see cref="Rule"/> deciding at every later simulated opportunity (none when no rule
/// is given). Returns the utility to go: conversion value − the costs of the ads delivered, <c>first</c>'s included.
/// With <c>expectedValue</c> each simulated event adds its conditional expected conversion value given its gap,
/// P(conversion | τ, h)·E[v | h] = P(conversion | τ, h)·exp(μ + σ²/2), instead of the drawn one (Rao–Blackwell: the
/// same mean by the tower property, far less noise when conversions are rare). An optional second state
/// (<c>own</c>, e.g. a policy that follows another network) is stepped with the same events. Used by the planning
/// policies and by the doubly robust direct method (<c>AdModelUtilityModel</c>).
/// </summary>
public static class AdModelRollout
{
    /// <summary>A decision 0 (none) .. D at a simulated opportunity, from the simulated state and the optional second one.</summary>
    public delegate int Rule(AdUserState world, AdUserState? own, Random rng);

    public static double ToGo(AdModel model, AdUserState at, AdUserState? own, double now, int first, double end, IReadOnlyList<double> costs,
        Rule? rule, Random rng, bool expectedValue = false)
    {
        var world = Copy(at);
        var second = own is null ? null : Copy(own);
        var net = world.Network;
        int conversion = model.ConversionMark;
        bool valued = model.ValuedMarks[conversion];
        Span<double> p = stackalloc double[net.Layout.Types];
        double utility = -Cost(costs, first), t = now;
        Step(world, second, new Event(t, EventKind.Action, first));
        while (true)
        {
            double meanValue = expectedValue ? MeanValue(net, world.H, conversion, valued) : 0;
            var next = AdSampler.Next(net, world.H, model.ValuedMarks, rng, p);
            t += next.Gap;
            if (!(t <= end)) return utility;
            if (expectedValue) utility += p[conversion] * meanValue;
            var e = new Event(t, next.Kind, next.Mark, next.Value);
            Step(world, second, e);
            if (next.Kind == EventKind.Feedback)
            {
                if (!expectedValue && next.Mark == conversion) utility += next.Value ?? 1;
                continue;
            }
            int d = rule?.Invoke(world, second, rng) ?? 0;
            utility -= Cost(costs, d);
            Step(world, second, new Event(t, EventKind.Action, d));
        }
    }

    /// <summary>E[v | h] of the conversion mark: exp(μ + σ²/2) for a valued mark, else 1.</summary>
    public static double MeanValue(AdNetwork net, ReadOnlySpan<double> h, int conversionMark, bool valued)
    {
        if (!valued) return 1;
        var (mean, logSd, _) = AdHeads.Value(net.Theta, net.Layout, conversionMark, h);
        double sd = Math.Exp(logSd);
        return Math.Exp(mean + 0.5 * sd * sd);
    }

    /// <summary>A copy of <paramref name="from"/> to simulate on.</summary>
    public static AdUserState Copy(AdUserState from)
    {
        var copy = new AdUserState(from.Network);
        copy.CopyFrom(from);
        return copy;
    }

    private static double Cost(IReadOnlyList<double> costs, int decision) => decision == 0 ? 0 : costs[decision - 1];

    private static void Step(AdUserState world, AdUserState? own, in Event e)
    {
        world.Step(e);
        own?.Step(e);
    }
}
