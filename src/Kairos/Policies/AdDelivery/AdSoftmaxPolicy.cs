using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>
/// π_ξ(d | h) = softmax(W h + b)_d over the decisions d = 0 (none) .. D, on the MAP network's state of the history:
/// the learned policy (kind "ad-learned", trained on posterior-predictive trajectories) and the plug-in policy
/// ("ad-plugin", trained on the MAP model alone). ξ = [W ((D+1)×H, row d), b (D+1)].
/// </summary>
public sealed class AdSoftmaxPolicy : AdPolicy
{
    public const string LearnedKind = "ad-learned", PlugInKind = "ad-plugin";

    public AdSoftmaxPolicy(AdModel model, IReadOnlyList<double> costs, double[] xi, string kind, string? name = null)
        : base(model, costs, kind, name, xi)
    {
        if (kind is not (LearnedKind or PlugInKind)) throw new ArgumentException($"kind must be {LearnedKind} or {PlugInKind}.", nameof(kind));
        if (xi.Length != Length(model.Layout))
            throw new ArgumentException($"ξ has {CountText.Of(xi.Length, "entry", "entries")}; the policy needs {Length(model.Layout)}.", nameof(xi));
        Xi = xi;
    }

    public double[] Xi { get; }

    public static int Length(AdModelLayout layout) => (layout.Ads + 1) * (layout.Hidden + 1);

    /// <summary>Writes π_ξ(· | h) into <paramref name="p"/> (length D + 1).</summary>
    public static void Probabilities(ReadOnlySpan<double> xi, AdModelLayout layout, ReadOnlySpan<double> h, Span<double> p)
    {
        int n = layout.Hidden, d = layout.Ads + 1;
        Span<double> logits = stackalloc double[d];
        for (int a = 0; a < d; a++) logits[a] = xi[d * n + a] + SmallDot(xi.Slice(a * n, n), h);
        AdHeads.Softmax(logits, p);
    }

    protected internal override void Probabilities(AdUserState user, Span<double> p) =>
        Probabilities(Xi, Model.Layout, user.H, p);

    private static double SmallDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
