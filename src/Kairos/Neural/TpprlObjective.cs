using System.Numerics.Tensors;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Neural;

/// <summary>
/// Terms of TPPRL's objective over one recorded episode and their gradient by backpropagation through time.
/// Interval k = 1..K is (t_{k−1}, t_k] with state h_{k−1}; the survival interval (t_K, T] uses h_K — from the
/// LAST event to T (the authors' teaching code used t_{K−1}; digest §6.1). With c_k = vᵀh_k + b and p_k the mark
/// distribution softmax(V_y h_k) — or, with per-mark features, p_{k−1}(y_k) = softmax(V_y h_{k−1} + Φ_k u)_{y_k} with Φ_k
/// the features recorded at the action (<see cref="TpprlTape.ItemFeatures"/>), so ∂log p/∂u = Φ_kᵀ(e_y − p):
/// <code>
///   log p_θ = Σ_{k own} [c_{k−1} + wΔ_k + log p_{k−1}(y_k)] − Σ_{k=1}^{K+1} I(c_{k−1}, w, Δ_k)      (digest §2.1)
///   ∫λ²     = Σ_{k=1}^{K+1} J(c_{k−1}, w, Δ_k);   ∫½‖p‖² = Σ_{k=1}^{K+1} Δ_k ½‖p_{k−1}‖²
///   entropy = (1/#own) Σ_{k own} H(p_{k−1})
/// </code>
/// With per-mark features the law changes within an interval, so the quadratic mark cost is not offered (q_m must be
/// 0; ∫½‖p‖² is reported as 0) and the entropy is that of the law each action was drawn from.
/// </summary>
public static class TpprlObjective
{
    /// <summary>The terms, without gradient. The tape's states and cached outputs must be current for
    /// <paramref name="theta"/> (as recorded by the policy state, or after <see cref="TpprlTape.Recompute"/>).</summary>
    public static EpisodeTerms Evaluate(ReadOnlySpan<double> theta, TpprlTape tape) =>
        Accumulate(theta, tape, 0, default, 0, Span<double>.Empty);

    /// <summary>
    /// Adds ∇θ[α·log p_θ + β·L] to <paramref name="gradient"/> (length |θ|, or empty for no gradient) and returns the
    /// terms, where L = <paramref name="weights"/>.Penalty(terms), α = <paramref name="logLikelihoodWeight"/> and
    /// β = <paramref name="penaltyWeight"/>. REINFORCE (Prop. 2) uses α = reward − L − baseline, β = −1.
    /// </summary>
    /// <remarks>With <paramref name="causalPenalty"/>, the score of interval k is weighted by α − L_{≥k} instead of α,
    /// where L_{≥k} = Σ_{j≥k} [q_l/2 J_j + q_m Δ_j ½‖p_{j−1}‖²] is the intensity and quadratic-mark penalty from
    /// interval k on. The score increments are martingale differences, so penalty accrued before interval k is
    /// uncorrelated with them in expectation: the estimator of ∇E[R − L] stays unbiased with less variance (the
    /// "reward-to-go" argument applied to the regularizer; the entropy bonus, a mean over all actions, is not
    /// causal and must stay inside α). <paramref name="penaltyBaseline"/> ℓ̄ (e.g. the other episodes' mean causal
    /// penalty) adds the time-dependent baseline ℓ̄(T − t_{k−1})/T to the weight of interval k.</remarks>
    public static EpisodeTerms Accumulate(ReadOnlySpan<double> theta, TpprlTape tape, double logLikelihoodWeight,
        RegularizerWeights weights, double penaltyWeight, Span<double> gradient, bool causalPenalty = false,
        double penaltyBaseline = 0)
    {
        var layout = tape.Layout;
        if (theta.Length != layout.Length)
            throw new ArgumentException($"θ has length {theta.Length}, the layout {layout} expects {layout.Length}.", nameof(theta));
        bool withGradient = !gradient.IsEmpty;
        if (withGradient && gradient.Length != layout.Length)
            throw new ArgumentException($"gradient has length {gradient.Length}, expected {layout.Length}.", nameof(gradient));
        int h = layout.Hidden, a = layout.ActionMarks, kMax = tape.Count, g = layout.ItemFeatureSize;
        bool marks = layout.HasMarkHead, items = g > 0;
        if (items && weights.QMark > 0)
            throw new ArgumentException("the quadratic mark cost q_m is not defined for a mark law with per-mark features; use q_m = 0.", nameof(weights));
        Span<double> dh = h <= 128 ? stackalloc double[h] : new double[h];
        Span<double> da = h <= 128 ? stackalloc double[h] : new double[h];
        // V_y and its gradient transposed (H×A, rows padded to a multiple of 4 with zeros), so the per-event mark
        // products run along the long axis A.
        int stride = marks && (withGradient || items) ? MarkKernels.Stride(a) : 0, ha = h * stride;
        Span<double> dl = stride <= 256 ? stackalloc double[stride] : new double[stride];
        Span<double> logits = stride <= 256 ? stackalloc double[stride] : new double[stride];
        Span<double> law = !items ? default : a <= 256 ? stackalloc double[a] : new double[a];
        var u = items ? theta.Slice(layout.U, g) : default;
        double[]? gU = items && withGradient ? new double[g] : null;
        Span<double> vyT = ha <= 2048 ? stackalloc double[ha] : new double[ha];
        Span<double> gVyT = ha <= 2048 ? stackalloc double[ha] : new double[ha];
        dl.Clear();
        vyT.Clear();
        gVyT.Clear();
        for (int m = 0; m < (ha > 0 ? a : 0); m++)
            for (int j = 0; j < h; j++) vyT[j * stride + m] = theta[layout.Vy + m * h + j];
        dh.Clear();
        double w = theta[layout.W], beta = penaltyWeight, penaltyToGo = 0, halfQ = weights.QIntensity / 2;
        double entropyScale = tape.OwnCount == 0 ? 0 : 1.0 / tape.OwnCount;
        double logLik = 0, intI = 0, intJ = 0, markSq = 0, entropy = 0, dw = 0;
        var v = theta.Slice(layout.V, h);
        for (int k = kMax; k >= 0; k--)
        {
            var state = tape.State(k);
            double c = tape.LogIntensity(k);
            bool survival = k == kMax;
            double delta = survival ? Math.Max(tape.Horizon - tape.LastTime, 0) : tape.Delta(k + 1);
            int y = survival ? -1 : tape.Mark(k + 1);
            bool own = y >= 0;

            // Intensity terms (digest §1.2, §2.3), with ∂/∂w from the same expm1.
            var (I, J, dIdw, dJdw) = ExponentialInTimeKernel.Interval(c, w, delta);
            intI += I;
            intJ += J;
            logLik -= I;
            if (own) logLik += c + w * delta;
            var (lse, s2, ent) = tape.MarkSummary(k);
            bool itemLaw = items && own;
            if (itemLaw)
            {
                // The law the action was drawn from: ℓ = V_y h_k + Φ_{k+1} u, recomputed with its summaries.
                double max = ItemLogits(vyT, stride, state, u, tape.ItemFeatures(k + 1), logits[..a]);
                (lse, s2, ent) = MarkKernels.Softmax(logits[..a], law, max);
                logLik += logits[y] - lse;
                entropy += ent;
            }
            else if (marks && !items)
            {
                markSq += delta * s2 / 2;
                if (own)
                {
                    logLik += SmallVector.Dot(theta.Slice(layout.Vy + y * h, h), state) - lse;
                    entropy += ent;
                }
            }
            if (!withGradient) continue;

            double alpha = logLikelihoodWeight;
            if (causalPenalty)
            {
                // Minus the penalty to go, plus a baseline for it: penaltyBaseline·(T − t)/T at the interval's start t
                // (measurable at t, so it keeps the estimator unbiased).
                penaltyToGo += halfQ * J + (marks ? weights.QMark * delta * s2 / 2 : 0);
                double start = k == 0 ? 0 : tape.Time(k);
                alpha -= penaltyToGo - (tape.Horizon > 0 ? penaltyBaseline * (tape.Horizon - start) / tape.Horizon : 0);
            }
            double dc = alpha * ((own ? 1 : 0) - I) + beta * halfQ * 2 * J;
            dw += alpha * ((own ? delta : 0) - dIdw) + beta * halfQ * dJdw;
            gradient[layout.B] += dc;
            SmallVector.Axpy(dc, state, gradient.Slice(layout.V, h));
            SmallVector.Axpy(dc, v, dh);

            if (marks && (own || weights.QMark > 0))
            {
                // Mark head (digest §2.3): ∂log p_y/∂ℓ = e_y − p; ∂(½‖p‖²)/∂ℓ_j = p_j(p_j − ‖p‖²); ∂H/∂ℓ_j = −p_j(log p_j + H),
                // with ℓ = V_y h_k recomputed and p = exp(ℓ − lse), log p = ℓ − lse (cheaper than storing them per event).
                double entW = own ? beta * -weights.QEntropy * entropyScale : 0;
                if (!itemLaw) MarkKernels.Logits(vyT, stride, state, logits);
                MarkKernels.Backward(logits, a, lse, beta * weights.QMark * delta, s2, own ? alpha : 0, entW,
                    ent, y, alpha, state, vyT, gVyT, dl, dh);
                if (itemLaw)
                {
                    // ∂/∂u = Φᵀ dℓ
                    var phi = tape.ItemFeatures(k + 1);
                    for (int m = 0; m < a; m++)
                        if (dl[m] != 0) SmallVector.Axpy(dl[m], phi.Slice(m * g, g), gU);
                }
            }

            if (k == 0) continue;
            // Through h_k = tanh(a_k): da = dh ⊙ (1 − h²); then the input weights and dh_{k−1} = W_hᵀ da.
            CellKernels.Backward(theta, layout, state, tape.State(k - 1), tape.Features(k), tape.Delta(k), tape.Input(k),
                dh, da, gradient);
        }
        if (withGradient) gradient[layout.W] += dw;
        for (int m = 0; m < (ha > 0 && withGradient ? a : 0); m++)
            for (int j = 0; j < h; j++) gradient[layout.Vy + m * h + j] += gVyT[j * stride + m];
        for (int j = 0; j < (gU?.Length ?? 0); j++) gradient[layout.U + j] += gU![j];
        return new EpisodeTerms(logLik, intI, intJ, markSq, entropy * entropyScale, tape.OwnCount);
    }

    /// <summary>ℓ_m = (V_y h)_m + Σ_j u_j φ[m·G + j] for m &lt; ℓ.Length; returns max ℓ.</summary>
    internal static double ItemLogits(ReadOnlySpan<double> vyTransposed, int stride, ReadOnlySpan<double> state,
        ReadOnlySpan<double> u, ReadOnlySpan<double> phi, Span<double> logits)
    {
        MarkKernels.Logits(vyTransposed, stride, state, logits);
        int g = u.Length;
        double max = double.NegativeInfinity;
        for (int m = 0; m < logits.Length; m++)
        {
            logits[m] += SmallVector.Dot(u, phi.Slice(m * g, g));
            if (logits[m] > max) max = logits[m];
        }
        return max;
    }
}
