using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kairos.Numerics;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// The user model's exact log-likelihood of one user and its gradient by hand-written backpropagation through
/// time. Renewal at every event (delivery.md §3): with h_k the state after event k (h_0 = 0) and τ the gap since
/// event k, a user event adds log f(τ | h_k) + log P(type | τ, h_k) + log p(value | h_k); a decision at a gap
/// τ &gt; 0 (a log without opportunities) adds log S(τ | h_k); the window end adds the censoring term
/// log S(End − t_n | h_n). Decisions are covariates: the logging policy's factors are constant in θ and dropped
/// (no unobserved confounding, delivery.md §2).
/// One pass runs the cell forward (<see cref="PackedCell"/>) and, at each scored event, all R head outputs as one
/// matrix–vector product, the scalar terms and their derivatives d = ∂ℓ/∂(head outputs); the heads' weight gradient
/// d ⊗ h is summed in packed form and dh_k = Σ_r d_r W[r] is kept for the backward pass through the cell
/// (<see cref="CellSequenceBackward"/>). The Burr XII terms are <see cref="PointProcesses.BurrXIILogParameters"/>'s
/// closed forms with ln k and ln c taken from the head outputs (no log of an exp) and σ(z), sp(z) from one e^{−|z|}.
/// </summary>
public static class AdLikelihood
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>Log-likelihood of <paramref name="user"/>; when <paramref name="gradient"/> is not empty, adds
    /// <paramref name="weight"/> × its gradient in θ to it. <paramref name="predictions"/>, when given, receives the
    /// per-event fit diagnostics.</summary>
    public static AdLogLikelihood Evaluate(AdNetwork net, AdUserSequence user, AdLikelihoodWorkspace ws,
        Span<double> gradient = default, double weight = 1, AdPredictions? predictions = null) =>
        Evaluate(new AdPackedNetwork(net), user, ws, gradient, weight, predictions);

    /// <inheritdoc cref="Evaluate(AdNetwork, AdUserSequence, AdLikelihoodWorkspace, Span{double}, double, AdPredictions?)"/>
    public static AdLogLikelihood Evaluate(AdPackedNetwork packed, AdUserSequence user, AdLikelihoodWorkspace ws,
        Span<double> gradient = default, double weight = 1, AdPredictions? predictions = null)
    {
        var layout = packed.Layout;
        if (!ws.Layout.Equals(layout)) throw new ArgumentException($"the workspace is for {ws.Layout}, the network is {layout}.", nameof(ws));
        bool backward = !gradient.IsEmpty;
        if (backward && gradient.Length != layout.Length)
            throw new ArgumentException($"gradient has {CountText.Of(gradient.Length, "entry", "entries")}, θ has {layout.Length}.", nameof(gradient));
        var steps = user.Steps(layout, packed.Network.TimeScale);
        int n = steps.Count, f = layout.FeatureSize;
        ws.Ensure(n);
        ws.State(0).Clear();
        if (backward)
        {
            ws.StateGradients.AsSpan(0, (n + 1) * packed.Stride).Clear();
            ws.HeadGradient.AsSpan().Clear();
            ws.BiasGradient.AsSpan().Clear();
        }
        var sums = new Sums();
        for (int k = 0; ; k++)
        {
            var h = ws.State(k);
            byte row = k < n ? steps.Row[k] : steps.EndCensored ? AdSteps.Survival : AdSteps.None;
            if (row != AdSteps.None)
                Score(packed, steps, k, row == AdSteps.Survival, h, ws, backward ? gradient : default, weight, predictions, ref sums);
            if (k == n) break;
            packed.Cell.Step(h, steps.Input[k], steps.Z.AsSpan(k * f, f), steps.Gap[k], ws.State(k + 1));
        }
        if (backward)
        {
            FlushHeads(packed, ws, gradient);
            ThroughTime(packed, steps, ws, n, gradient);
        }
        return new AdLogLikelihood(sums.Time, sums.Type, sums.Value, sums.Count);
    }

    private struct Sums
    {
        public double Time, Type, Value, SinceUserEvent;
        public int Count;
    }

    /// <summary>The terms of one scored event (or the window end, k = n) from the state h before it.</summary>
    private static void Score(AdPackedNetwork packed, AdSteps steps, int k, bool survival, ReadOnlySpan<double> h,
        AdLikelihoodWorkspace ws, Span<double> gradient, double weight, AdPredictions? predictions, ref Sums sums)
    {
        var o = ws.Outputs;
        HeadOutputs(packed, h, o);
        double a0 = o[0], a1 = o[1], a2 = o[2];
        double a0c = Math.Clamp(a0, -AdHeads.ScaleLimit, AdHeads.ScaleLimit), a1c = Math.Clamp(a1, -AdHeads.ShapeLimit, AdHeads.ShapeLimit);
        double a2c = Math.Clamp(a2, AdHeads.TailLow, AdHeads.TailHigh);
        double shape = Math.Exp(a1c), tail = Math.Exp(a2c);
        double logTau = k < steps.Count ? steps.LogTau[k] : steps.EndLogTau;
        double z = shape * (logTau - packed.Network.LogTimeScale - a0c);
        double e = Math.Exp(-Math.Abs(z));
        double sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e), sp = Math.Max(z, 0) + Fn.Log1p(e);
        bool backward = !gradient.IsEmpty;
        var d = ws.Derivatives;
        if (backward) Array.Clear(d);
        double g0, g1, g2;
        if (survival)
        {
            sums.Time -= tail * sp;
            sums.SinceUserEvent += tail * sp;
            (g0, g1, g2) = (tail * shape * sigma, -tail * sigma * z, -tail * sp);
        }
        else
        {
            double a = 1 - (tail + 1) * sigma;
            sums.Time += a2c + a1c + z - logTau - (tail + 1) * sp;
            (g0, g1, g2) = (-shape * a, 1 + z * a, 1 - tail * sp);
            sums.Type += TypeTerm(packed, steps, k, ws, gradient, weight, predictions);
            double y = steps.LogValue[k];
            if (!double.IsNaN(y)) sums.Value += ValueTerm(packed, steps.Type[k], y, o, d, gradient, weight);
            predictions?.RescaledGaps.Add(sums.SinceUserEvent + tail * sp);
            sums.SinceUserEvent = 0;
            sums.Count++;
        }
        if (!backward) return;
        d[0] = Math.Abs(a0) < AdHeads.ScaleLimit ? weight * g0 : 0;
        d[1] = Math.Abs(a1) < AdHeads.ShapeLimit ? weight * g1 : 0;
        d[2] = a2 > AdHeads.TailLow && a2 < AdHeads.TailHigh ? weight * g2 : 0;
        HeadsBackward(packed, h, ws, ws.StateGradient(k));
    }

    /// <summary>log softmax(ℓ)_type with ℓ_c = W_y[c]·h + b_y[c] + u_c·g(τ) and ∂/∂ℓ_c = 1[c = type] − p_c.</summary>
    private static double TypeTerm(AdPackedNetwork packed, AdSteps steps, int k, AdLikelihoodWorkspace ws,
        Span<double> gradient, double weight, AdPredictions? predictions)
    {
        var layout = packed.Layout;
        var theta = packed.Network.Theta;
        var o = ws.Outputs.AsSpan(packed.TypeRow, layout.Types);
        var p = ws.Probabilities;
        double gap = steps.Gap[k];
        int observed = steps.Type[k];
        for (int c = 0; c < o.Length; c++) o[c] += theta[layout.TypeU + c] * gap;
        double lse = o.Length == 4 ? Softmax4(o, p) : AdHeads.Softmax(o, p);
        if (predictions is not null && predictions.ConversionMark < layout.FeedbackMarks)
        {
            predictions.ConversionProbabilities.Add(p[predictions.ConversionMark]);
            predictions.Conversions.Add(observed == predictions.ConversionMark);
        }
        if (!gradient.IsEmpty)
        {
            var d = ws.Derivatives.AsSpan(packed.TypeRow, layout.Types);
            for (int c = 0; c < d.Length; c++)
            {
                d[c] = weight * ((c == observed ? 1 : 0) - p[c]);
                gradient[layout.TypeU + c] += d[c] * gap;
            }
        }
        return o[observed] - lse;
    }

    /// <summary><see cref="AdHeads.Softmax"/> for four types with one SIMD exponential (<see cref="VectorExp"/>).</summary>
    private static double Softmax4(ReadOnlySpan<double> logits, Span<double> p)
    {
        var l = Vector256.Create(logits);
        double max = Math.Max(Math.Max(logits[0], logits[1]), Math.Max(logits[2], logits[3]));
        var e = VectorExp.Exp(l - Vector256.Create(max));
        double sum = Vector256.Sum(e);
        (e / Vector256.Create(sum)).CopyTo(p);
        return max + Math.Log(sum);
    }

    /// <summary>log N(y; μ, σ²) − y for y = ln v (the density of v): ∂/∂μ = r/σ, ∂/∂s = r² − 1 with r = (y − μ)/σ.</summary>
    private static double ValueTerm(AdPackedNetwork packed, int mark, double y, double[] o, double[] d, Span<double> gradient, double weight)
    {
        double logSd = packed.LogSd[mark], sd = Math.Exp(logSd), r = (y - o[packed.ValueRow + mark]) / sd;
        if (!gradient.IsEmpty)
        {
            d[packed.ValueRow + mark] = weight * r / sd;
            if (packed.FreeSd[mark]) gradient[packed.Layout.ValueS + mark] += weight * (r * r - 1);
        }
        return -HalfLogTwoPi - logSd - 0.5 * r * r - y;
    }

    /// <summary>o = W h + b for all head rows: H broadcast multiply-adds over the transposed, padded rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HeadOutputs(AdPackedNetwork packed, ReadOnlySpan<double> h, double[] o)
    {
        int rows = packed.PaddedRows, hidden = packed.Layout.Hidden;
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(packed.HeadsT);
        ref double o0 = ref MemoryMarshal.GetArrayDataReference(o);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(packed.Bias);
        if (h.Length < hidden || o.Length < rows) throw new ArgumentException("head buffers do not match the layout.");
        for (int v = 0; v < rows; v += 4)
        {
            var acc = Vector256.LoadUnsafe(ref b0, (nuint)v);
            for (int j = 0; j < hidden; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(h[j]), Vector256.LoadUnsafe(ref t0, (nuint)(j * rows + v)), acc);
            acc.StoreUnsafe(ref o0, (nuint)v);
        }
    }

    /// <summary>Packed head gradient += d ⊗ h, bias gradient += d, and dh = Σ_r d_r W[r] into <paramref name="dh"/>.</summary>
    private static void HeadsBackward(AdPackedNetwork packed, ReadOnlySpan<double> h, AdLikelihoodWorkspace ws, Span<double> dh)
    {
        int s = packed.Stride;
        var d = ws.Derivatives;
        ref double h0 = ref MemoryMarshal.GetReference(h);
        ref double dh0 = ref MemoryMarshal.GetReference(dh);
        ref double w0 = ref MemoryMarshal.GetArrayDataReference(packed.Heads);
        ref double g0 = ref MemoryMarshal.GetArrayDataReference(ws.HeadGradient);
        if (h.Length < s || dh.Length < s || ws.HeadGradient.Length < packed.Rows * s) throw new ArgumentException("head buffers do not match the layout.");
        for (int r = 0; r < packed.Rows; r++) ws.BiasGradient[r] += d[r];
        for (int r = 0; r < packed.Rows; r++)
        {
            double dr = d[r];
            if (dr == 0) continue;
            var v = Vector256.Create(dr);
            for (int i = 0; i < s; i += 4)
            {
                nuint at = (nuint)(r * s + i);
                Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref h0, (nuint)i), Vector256.LoadUnsafe(ref g0, at)).StoreUnsafe(ref g0, at);
                Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref w0, at), Vector256.LoadUnsafe(ref dh0, (nuint)i)).StoreUnsafe(ref dh0, (nuint)i);
            }
        }
    }

    /// <summary>Adds the packed head gradients to θ's head slices.</summary>
    private static void FlushHeads(AdPackedNetwork packed, AdLikelihoodWorkspace ws, Span<double> gradient)
    {
        int h = packed.Layout.Hidden, s = packed.Stride;
        for (int r = 0; r < packed.Rows; r++)
        {
            var (w, b) = AdPackedNetwork.Row(packed.Layout, r);
            gradient[b] += ws.BiasGradient[r];
            for (int j = 0; j < h; j++) gradient[w + j] += ws.HeadGradient[r * s + j];
        }
    }

    /// <summary>Backpropagation through the cell from the heads' dh_0..dh_n (<see cref="CellSequenceBackward"/>).</summary>
    private static void ThroughTime(AdPackedNetwork packed, AdSteps steps, AdLikelihoodWorkspace ws, int n, Span<double> gradient) =>
        CellSequenceBackward.Run(packed.Network.Theta, packed.Layout.Cell, n, packed.Stride, ws.States, ws.StateGradients,
            steps.Input, steps.Z, steps.Gap, ws.CellGradients, ws.Dh, gradient);
}
