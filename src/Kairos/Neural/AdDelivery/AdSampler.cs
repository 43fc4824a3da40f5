using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>Exact draws of the next user event from a state (no thinning, delivery.md §4.2): the gap by the Burr XII
/// inverse CDF, then the type from softmax(ℓ(h, g(τ))), then, for a valued feedback mark, ln v ~ N(μ, σ²).</summary>
public static class AdSampler
{
    public readonly record struct NextEvent(double Gap, EventKind Kind, int Mark, double? Value);

    public static NextEvent Next(AdNetwork net, ReadOnlySpan<double> h, bool[] valuedMarks, Random rng)
    {
        Span<double> p = stackalloc double[net.Layout.Types];
        return Next(net, h, valuedMarks, rng, p);
    }

    /// <summary>As <see cref="Next(AdNetwork, ReadOnlySpan{double}, bool[], Random)"/>, and leaves in <paramref name="p"/>
    /// the type probabilities given the drawn gap (a feedback mark, or the opportunity type).</summary>
    public static NextEvent Next(AdNetwork net, ReadOnlySpan<double> h, bool[] valuedMarks, Random rng, Span<double> p)
    {
        var layout = net.Layout;
        var law = AdHeads.Time(net.Theta, layout, net.LogTimeScale, h);
        double gap = BurrXIILogParameters.Sample(law.LogScale, law.Shape, law.Tail, -Math.Log(1 - rng.NextDouble()));
        Span<double> logits = stackalloc double[layout.Types];
        AdHeads.TypeLogits(net.Theta, layout, h, net.GapFeature(gap), logits);
        AdHeads.Softmax(logits, p);
        int type = TpprlCell.SampleFromProbabilities(p, rng.NextDouble());
        if (type == layout.OpportunityType) return new NextEvent(gap, EventKind.Opportunity, 0, null);
        double? value = null;
        if (valuedMarks[type])
        {
            var (mean, logSd, _) = AdHeads.Value(net.Theta, layout, type, h);
            double normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            value = Math.Exp(mean + Math.Exp(logSd) * normal);
        }
        return new NextEvent(gap, EventKind.Feedback, type, value);
    }
}
