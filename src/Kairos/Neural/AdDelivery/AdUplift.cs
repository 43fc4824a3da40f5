using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// The expected conversion value carried by the next user event from a state h:
/// E[v·1{type = conversion}] = E[v | h]·∫ f(τ | h)·P(conversion | τ, h) dτ, the integral by the midpoint rule in
/// probability (τ_i = F⁻¹((i + ½)/n), n = 32), E[v | h] = exp(μ + σ²/2) for the log-normal value. The myopic and
/// Thompson policies compare it after each decision with it after "none".
/// </summary>
public static class AdUplift
{
    private const int Nodes = 32;

    public static double NextConversionValue(AdNetwork net, ReadOnlySpan<double> h, int conversionMark, bool valued)
    {
        var layout = net.Layout;
        var law = AdHeads.Time(net.Theta, layout, net.LogTimeScale, h);
        Span<double> logits = stackalloc double[layout.Types], p = stackalloc double[layout.Types];
        double probability = 0;
        for (int i = 0; i < Nodes; i++)
        {
            double u = (i + 0.5) / Nodes;
            double tau = BurrXIILogParameters.Sample(law.LogScale, law.Shape, law.Tail, -Math.Log(1 - u));
            AdHeads.TypeLogits(net.Theta, layout, h, net.GapFeature(tau), logits);
            AdHeads.Softmax(logits, p);
            probability += p[conversionMark] / Nodes;
        }
        if (!valued) return probability;
        var (mean, logSd, _) = AdHeads.Value(net.Theta, layout, conversionMark, h);
        double sd = Math.Exp(logSd);
        return probability * Math.Exp(mean + 0.5 * sd * sd);
    }

    /// <summary>The state after decision <paramref name="decision"/> (0 = none, 1..D) at the opportunity whose state is
    /// <paramref name="at"/> (the decision at the opportunity's time), written into <paramref name="next"/>.</summary>
    public static void AfterDecision(AdUserState at, int decision, AdUserState next)
    {
        next.CopyFrom(at);
        next.Step(new Event(at.LastTime, EventKind.Action, decision));
    }
}
