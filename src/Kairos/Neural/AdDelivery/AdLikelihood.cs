using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// The user model's exact log-likelihood of one user and its gradient by hand-written backpropagation through
/// time. Renewal at every event (delivery.md §3): with h_k the state after event k (h_0 = 0) and τ the gap since
/// event k, a user event adds log f(τ | h_k) + log P(type | τ, h_k) + log p(value | h_k); a decision at a gap
/// τ &gt; 0 (a log without opportunities) adds log S(τ | h_k); the window end adds the censoring term
/// log S(End − t_n | h_n). Decisions are covariates: the logging policy's factors are constant in θ and dropped
/// (no unobserved confounding, delivery.md §2).
/// </summary>
public static class AdLikelihood
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>Log-likelihood of <paramref name="user"/>; when <paramref name="gradient"/> is not empty, adds
    /// <paramref name="weight"/> × its gradient in θ to it. <paramref name="predictions"/>, when given, receives the
    /// per-event fit diagnostics.</summary>
    public static AdLogLikelihood Evaluate(AdNetwork net, AdUserSequence user, AdLikelihoodWorkspace ws,
        Span<double> gradient = default, double weight = 1, AdPredictions? predictions = null)
    {
        var layout = net.Layout;
        ReadOnlySpan<double> theta = net.Theta;
        bool backward = !gradient.IsEmpty;
        if (backward && gradient.Length != layout.Length)
            throw new ArgumentException($"gradient has {gradient.Length} entries, θ has {layout.Length}.", nameof(gradient));
        var events = user.Events;
        int n = events.Count;
        ws.Ensure(n);
        ws.State(0).Clear();
        if (backward) ws.StateGradients.AsSpan(0, (n + 1) * layout.Hidden).Clear();
        Span<double> g3 = stackalloc double[AdModelLayout.TimeOutputs];
        double time = 0, type = 0, value = 0, tLast = 0, sinceUserEvent = 0;
        int count = 0;
        for (int k = 0; k <= n; k++)
        {
            var h = ws.State(k);
            var e = k < n ? events[k] : default;
            double tau = (k < n ? e.Time : user.End) - tLast;
            if (k == n || e.Kind == EventKind.Action)
            {
                if (tau > 0)
                {
                    var law = AdHeads.Time(theta, layout, net.LogTimeScale, h);
                    time += BurrXIILogParameters.LogSurvival(law.LogScale, law.Shape, law.Tail, tau, g3);
                    if (backward) TimeBackward(theta, layout, law, g3, weight, h, gradient, ws.StateGradient(k));
                    sinceUserEvent += BurrXIILogParameters.CumulativeHazard(law.LogScale, law.Shape, law.Tail, tau);
                }
            }
            else
            {
                double gap = Math.Max(tau, net.MinGap);
                var law = AdHeads.Time(theta, layout, net.LogTimeScale, h);
                time += BurrXIILogParameters.LogDensity(law.LogScale, law.Shape, law.Tail, gap, g3);
                if (backward) TimeBackward(theta, layout, law, g3, weight, h, gradient, ws.StateGradient(k));
                type += TypeTerm(theta, layout, h, net.GapFeature(tau), layout.Type(e.Kind, e.Mark), ws, backward, weight, gradient,
                    ws.StateGradient(k), predictions);
                if (e.Kind == EventKind.Feedback && e.Value is { } v && v > 0)
                    value += ValueTerm(theta, layout, h, e.Mark, Math.Log(v), backward, weight, gradient, ws.StateGradient(k));
                predictions?.RescaledGaps.Add(sinceUserEvent + BurrXIILogParameters.CumulativeHazard(law.LogScale, law.Shape, law.Tail, gap));
                sinceUserEvent = 0;
                count++;
            }
            if (k == n) break;
            ws.Inputs[k + 1] = layout.Input(e.Kind, e.Mark);
            ws.Deltas[k + 1] = net.GapFeature(tau);
            ws.Features[k + 1] = AdNetwork.CellFeature(e);
            TpprlCell.Step(theta, layout.Cell, h, ws.Inputs[k + 1], ws.Features.AsSpan(k + 1, 1), ws.Deltas[k + 1], ws.State(k + 1));
            tLast = e.Time;
        }
        if (backward) ThroughTime(theta, layout, ws, n, gradient);
        return new AdLogLikelihood(time, type, value, count);
    }

    /// <summary>dh_n, then for k = n..1 the cell's backward step (CellKernels) and the heads' dh_{k−1}.</summary>
    private static void ThroughTime(ReadOnlySpan<double> theta, AdModelLayout layout, AdLikelihoodWorkspace ws, int n, Span<double> gradient)
    {
        var dh = ws.Dh.AsSpan();
        ws.StateGradient(n).CopyTo(dh);
        for (int k = n; k >= 1; k--)
        {
            CellKernels.Backward(theta, layout.Cell, ws.State(k), ws.State(k - 1), ws.Features.AsSpan(k, 1), ws.Deltas[k],
                ws.Inputs[k], dh, ws.Da, gradient);
            SmallVector.Axpy(1, ws.StateGradient(k - 1), dh);
        }
    }

    /// <summary>Chains ∂/∂(ln λ, ln c, ln k) through a = W_τ h + b_τ (clamped outputs pass nothing).</summary>
    private static void TimeBackward(ReadOnlySpan<double> theta, AdModelLayout layout, AdHeads.TimeLaw law,
        Span<double> g3, double weight, ReadOnlySpan<double> h, Span<double> gradient, Span<double> dh)
    {
        int n = layout.Hidden;
        g3[0] = law.FreeScale ? g3[0] * weight : 0;
        g3[1] = law.FreeShape ? g3[1] * weight : 0;
        g3[2] = law.FreeTail ? g3[2] * weight : 0;
        for (int r = 0; r < AdModelLayout.TimeOutputs; r++)
        {
            if (g3[r] == 0) continue;
            gradient[layout.TimeB + r] += g3[r];
            SmallVector.Axpy(g3[r], h, gradient.Slice(layout.TimeW + r * n, n));
            SmallVector.Axpy(g3[r], theta.Slice(layout.TimeW + r * n, n), dh);
        }
    }

    /// <summary>log softmax(ℓ)_type with ∂/∂ℓ_c = 1[c = type] − p_c.</summary>
    private static double TypeTerm(ReadOnlySpan<double> theta, AdModelLayout layout, ReadOnlySpan<double> h, double gap,
        int observed, AdLikelihoodWorkspace ws, bool backward, double weight, Span<double> gradient, Span<double> dh,
        AdPredictions? predictions)
    {
        AdHeads.TypeLogits(theta, layout, h, gap, ws.Logits);
        double lse = AdHeads.Softmax(ws.Logits, ws.Probabilities);
        if (predictions is not null && predictions.ConversionMark < layout.FeedbackMarks)
        {
            predictions.ConversionProbabilities.Add(ws.Probabilities[predictions.ConversionMark]);
            predictions.Conversions.Add(observed == predictions.ConversionMark);
        }
        if (backward)
        {
            int n = layout.Hidden;
            for (int c = 0; c < layout.Types; c++)
            {
                double d = weight * ((c == observed ? 1 : 0) - ws.Probabilities[c]);
                gradient[layout.TypeB + c] += d;
                gradient[layout.TypeU + c] += d * gap;
                SmallVector.Axpy(d, h, gradient.Slice(layout.TypeW + c * n, n));
                SmallVector.Axpy(d, theta.Slice(layout.TypeW + c * n, n), dh);
            }
        }
        return ws.Logits[observed] - lse;
    }

    /// <summary>log N(y; μ, σ²) − y for y = ln v (the density of v): ∂/∂μ = r/σ, ∂/∂s = r² − 1 with r = (y − μ)/σ.</summary>
    private static double ValueTerm(ReadOnlySpan<double> theta, AdModelLayout layout, ReadOnlySpan<double> h, int mark,
        double y, bool backward, double weight, Span<double> gradient, Span<double> dh)
    {
        var (mean, logSd, freeSd) = AdHeads.Value(theta, layout, mark, h);
        double sd = Math.Exp(logSd), r = (y - mean) / sd;
        if (backward)
        {
            int n = layout.Hidden;
            double dMean = weight * r / sd;
            gradient[layout.ValueB + mark] += dMean;
            if (freeSd) gradient[layout.ValueS + mark] += weight * (r * r - 1);
            SmallVector.Axpy(dMean, h, gradient.Slice(layout.ValueW + mark * n, n));
            SmallVector.Axpy(dMean, theta.Slice(layout.ValueW + mark * n, n), dh);
        }
        return -HalfLogTwoPi - logSd - 0.5 * r * r - y;
    }
}
