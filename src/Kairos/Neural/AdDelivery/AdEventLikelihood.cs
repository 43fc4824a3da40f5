using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// What one event adds to a user's log-likelihood (<see cref="AdLikelihood"/>'s terms, value only, no gradient) from
/// the state h before it and the gap τ since the previous event: a user event adds log f(τ) (τ floored at
/// <see cref="AdNetwork.MinGap"/>) + log P(type | τ, h) + log p(v | h) for a feedback value v &gt; 0; a decision at
/// τ &gt; 0 adds log S(τ); a decision at its opportunity's time adds nothing. Summed along a history by
/// <see cref="AdUserState"/> (when it tracks the likelihood), so a live user's ℓ(history | θ) costs one head evaluation
/// per event instead of a pass over the whole history at each decision.
/// </summary>
public static class AdEventLikelihood
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    public static double Of(AdNetwork net, ReadOnlySpan<double> h, double tau, in Event e)
    {
        var layout = net.Layout;
        var law = AdHeads.Time(net.Theta, layout, net.LogTimeScale, h);
        Span<double> unused = stackalloc double[3];
        if (e.Kind == EventKind.Action)
            return tau > 0 ? BurrXIILogParameters.LogSurvival(law.LogScale, law.Shape, law.Tail, tau, unused) : 0;
        double total = BurrXIILogParameters.LogDensity(law.LogScale, law.Shape, law.Tail, Math.Max(tau, net.MinGap), unused);
        Span<double> logits = stackalloc double[layout.Types], p = stackalloc double[layout.Types];
        AdHeads.TypeLogits(net.Theta, layout, h, net.GapFeature(tau), logits);
        total += logits[layout.Type(e.Kind, e.Mark)] - AdHeads.Softmax(logits, p);
        if (e.Kind == EventKind.Feedback && e.Value is { } v && v > 0)
        {
            var (mean, logSd, _) = AdHeads.Value(net.Theta, layout, e.Mark, h);
            double y = Math.Log(v), r = (y - mean) / Math.Exp(logSd);
            total += -HalfLogTwoPi - logSd - 0.5 * r * r - y;
        }
        return total;
    }
}
