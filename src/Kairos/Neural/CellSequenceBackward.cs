using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kairos.Neural;

/// <summary>
/// Backpropagation through a whole sequence of TPPRL cell steps (the same mathematics as <see cref="CellKernels.Backward"/>
/// step by step), split in two passes for H = 16 (any feature size F): the recurrence da_k = dh_k ⊙ (1 − h_k²),
/// dh_{k−1} = W_hᵀ da_k + (head gradient at k−1), latency-bound, with eight accumulators; then the weight gradients
/// Σ_k da_k ⊗ h_{k−1}, Σ_k da_k, Σ_k da_k Δ_k, Σ_k da_k z_k as register-blocked sums over k (no load/store of the
/// gradient per step). Other sizes run <see cref="CellKernels.Backward"/> step by step.
/// </summary>
internal static class CellSequenceBackward
{
    /// <summary>
    /// States h_0..h_n and the heads' gradients g_0..g_n (∂ℓ/∂h_k from outside the cell) at <paramref name="stride"/>;
    /// event k (1..n) entered the cell with inputs[k−1], z[k−1] and deltas[k−1]. Adds the cell's gradient to
    /// <paramref name="gradient"/>; <paramref name="da"/> (n·stride) and <paramref name="dh"/> (stride) are scratch.
    /// </summary>
    public static void Run(ReadOnlySpan<double> theta, TpprlLayout layout, int n, int stride, ReadOnlySpan<double> states,
        ReadOnlySpan<double> headGradients, ReadOnlySpan<int> inputs, ReadOnlySpan<double> z, ReadOnlySpan<double> deltas,
        Span<double> da, Span<double> dh, Span<double> gradient)
    {
        int h = layout.Hidden, f = layout.FeatureSize;
        if (states.Length < (n + 1) * stride || headGradients.Length < (n + 1) * stride || inputs.Length < n
            || z.Length < n * f || deltas.Length < n || dh.Length < stride || gradient.Length < layout.CellLength)
            throw new ArgumentException("sequence backward buffers do not match the layout.");
        if (h != 16 || stride != 16 || !Vector256.IsHardwareAccelerated || da.Length < n * stride)
        {
            headGradients.Slice(n * stride, stride).CopyTo(dh);
            for (int k = n; k >= 1; k--)
            {
                CellKernels.Backward(theta, layout, states.Slice(k * stride, stride), states.Slice((k - 1) * stride, stride),
                    z.Slice((k - 1) * f, f), deltas[k - 1], inputs[k - 1], dh, da[..stride], gradient);
                SmallVector.Axpy(1, headGradients.Slice((k - 1) * stride, stride), dh);
            }
            return;
        }
        Recurrence(theta.Slice(layout.Wh, 256), n, states, headGradients, da);
        WeightGradients(layout, n, states, inputs, z, deltas, da, gradient);
    }

    private static void Recurrence(ReadOnlySpan<double> wh, int n, ReadOnlySpan<double> states, ReadOnlySpan<double> g, Span<double> da)
    {
        ref double w = ref MemoryMarshal.GetReference(wh);
        ref double s0 = ref MemoryMarshal.GetReference(states);
        ref double g0 = ref MemoryMarshal.GetReference(g);
        ref double a0 = ref MemoryMarshal.GetReference(da);
        var one = Vector256<double>.One;
        nuint at = (nuint)(n * 16);
        var d0 = Vector256.LoadUnsafe(ref g0, at);
        var d1 = Vector256.LoadUnsafe(ref g0, at + 4);
        var d2 = Vector256.LoadUnsafe(ref g0, at + 8);
        var d3 = Vector256.LoadUnsafe(ref g0, at + 12);
        for (int k = n; k >= 1; k--)
        {
            at = (nuint)(k * 16);
            var x0 = Vector256.LoadUnsafe(ref s0, at);
            var x1 = Vector256.LoadUnsafe(ref s0, at + 4);
            var x2 = Vector256.LoadUnsafe(ref s0, at + 8);
            var x3 = Vector256.LoadUnsafe(ref s0, at + 12);
            ref double a = ref Unsafe.Add(ref a0, (k - 1) * 16);
            (d0 * (one - x0 * x0)).StoreUnsafe(ref a, 0);
            (d1 * (one - x1 * x1)).StoreUnsafe(ref a, 4);
            (d2 * (one - x2 * x2)).StoreUnsafe(ref a, 8);
            (d3 * (one - x3 * x3)).StoreUnsafe(ref a, 12);
            // dh_{k−1} = Σ_i da_i W_h[i, :] + g_{k−1}, even and odd i in separate accumulators
            at = (nuint)((k - 1) * 16);
            var e0 = Vector256.LoadUnsafe(ref g0, at);
            var e1 = Vector256.LoadUnsafe(ref g0, at + 4);
            var e2 = Vector256.LoadUnsafe(ref g0, at + 8);
            var e3 = Vector256.LoadUnsafe(ref g0, at + 12);
            var o0 = Vector256<double>.Zero;
            var o1 = Vector256<double>.Zero;
            var o2 = Vector256<double>.Zero;
            var o3 = Vector256<double>.Zero;
            for (int i = 0; i < 16; i += 2)
            {
                var ai = Vector256.Create(Unsafe.Add(ref a, i));
                ref double row = ref Unsafe.Add(ref w, i * 16);
                e0 = Vector256.FusedMultiplyAdd(ai, Vector256.LoadUnsafe(ref row, 0), e0);
                e1 = Vector256.FusedMultiplyAdd(ai, Vector256.LoadUnsafe(ref row, 4), e1);
                e2 = Vector256.FusedMultiplyAdd(ai, Vector256.LoadUnsafe(ref row, 8), e2);
                e3 = Vector256.FusedMultiplyAdd(ai, Vector256.LoadUnsafe(ref row, 12), e3);
                var aj = Vector256.Create(Unsafe.Add(ref a, i + 1));
                o0 = Vector256.FusedMultiplyAdd(aj, Vector256.LoadUnsafe(ref row, 16), o0);
                o1 = Vector256.FusedMultiplyAdd(aj, Vector256.LoadUnsafe(ref row, 20), o1);
                o2 = Vector256.FusedMultiplyAdd(aj, Vector256.LoadUnsafe(ref row, 24), o2);
                o3 = Vector256.FusedMultiplyAdd(aj, Vector256.LoadUnsafe(ref row, 28), o3);
            }
            (d0, d1, d2, d3) = (e0 + o0, e1 + o1, e2 + o2, e3 + o3);
        }
    }

    /// <summary>W_h += Σ_k da_k ⊗ h_{k−1} (four rows of W_h at a time, 16 accumulators), b_h += Σ da_k,
    /// W_t += Σ Δ_k da_k, W_r += Σ z_k da_k, row x_k of W_m += da_k.</summary>
    private static void WeightGradients(TpprlLayout layout, int n, ReadOnlySpan<double> states, ReadOnlySpan<int> inputs,
        ReadOnlySpan<double> z, ReadOnlySpan<double> deltas, ReadOnlySpan<double> da, Span<double> gradient)
    {
        ref double s0 = ref MemoryMarshal.GetReference(states);
        ref double a0 = ref MemoryMarshal.GetReference(da);
        ref double g0 = ref MemoryMarshal.GetReference(gradient);
        for (int i = 0; i < 16; i += 4)
        {
            Vector256<double> r00 = default, r01 = default, r02 = default, r03 = default, r10 = default, r11 = default, r12 = default, r13 = default;
            Vector256<double> r20 = default, r21 = default, r22 = default, r23 = default, r30 = default, r31 = default, r32 = default, r33 = default;
            for (int k = 1; k <= n; k++)
            {
                ref double p = ref Unsafe.Add(ref s0, (k - 1) * 16);
                ref double a = ref Unsafe.Add(ref a0, (k - 1) * 16 + i);
                var p0 = Vector256.LoadUnsafe(ref p, 0);
                var p1 = Vector256.LoadUnsafe(ref p, 4);
                var p2 = Vector256.LoadUnsafe(ref p, 8);
                var p3 = Vector256.LoadUnsafe(ref p, 12);
                var b = Vector256.Create(a);
                r00 = Vector256.FusedMultiplyAdd(b, p0, r00); r01 = Vector256.FusedMultiplyAdd(b, p1, r01);
                r02 = Vector256.FusedMultiplyAdd(b, p2, r02); r03 = Vector256.FusedMultiplyAdd(b, p3, r03);
                b = Vector256.Create(Unsafe.Add(ref a, 1));
                r10 = Vector256.FusedMultiplyAdd(b, p0, r10); r11 = Vector256.FusedMultiplyAdd(b, p1, r11);
                r12 = Vector256.FusedMultiplyAdd(b, p2, r12); r13 = Vector256.FusedMultiplyAdd(b, p3, r13);
                b = Vector256.Create(Unsafe.Add(ref a, 2));
                r20 = Vector256.FusedMultiplyAdd(b, p0, r20); r21 = Vector256.FusedMultiplyAdd(b, p1, r21);
                r22 = Vector256.FusedMultiplyAdd(b, p2, r22); r23 = Vector256.FusedMultiplyAdd(b, p3, r23);
                b = Vector256.Create(Unsafe.Add(ref a, 3));
                r30 = Vector256.FusedMultiplyAdd(b, p0, r30); r31 = Vector256.FusedMultiplyAdd(b, p1, r31);
                r32 = Vector256.FusedMultiplyAdd(b, p2, r32); r33 = Vector256.FusedMultiplyAdd(b, p3, r33);
            }
            ref double w = ref Unsafe.Add(ref g0, layout.Wh + i * 16);
            AddRow(ref w, r00, r01, r02, r03);
            AddRow(ref Unsafe.Add(ref w, 16), r10, r11, r12, r13);
            AddRow(ref Unsafe.Add(ref w, 32), r20, r21, r22, r23);
            AddRow(ref Unsafe.Add(ref w, 48), r30, r31, r32, r33);
        }
        Vector256<double> b0 = default, b1 = default, b2 = default, b3 = default, t0 = default, t1 = default, t2 = default, t3 = default;
        for (int k = 0; k < n; k++)
        {
            if ((uint)inputs[k] >= (uint)layout.EmbeddingRows) throw new ArgumentException($"input row {inputs[k]} is outside the embedding.");
            ref double a = ref Unsafe.Add(ref a0, k * 16);
            var x0 = Vector256.LoadUnsafe(ref a, 0);
            var x1 = Vector256.LoadUnsafe(ref a, 4);
            var x2 = Vector256.LoadUnsafe(ref a, 8);
            var x3 = Vector256.LoadUnsafe(ref a, 12);
            b0 += x0; b1 += x1; b2 += x2; b3 += x3;
            var vd = Vector256.Create(deltas[k]);
            t0 = Vector256.FusedMultiplyAdd(vd, x0, t0); t1 = Vector256.FusedMultiplyAdd(vd, x1, t1);
            t2 = Vector256.FusedMultiplyAdd(vd, x2, t2); t3 = Vector256.FusedMultiplyAdd(vd, x3, t3);
            AddRow(ref Unsafe.Add(ref g0, layout.Wm + inputs[k] * 16), x0, x1, x2, x3);
        }
        AddRow(ref Unsafe.Add(ref g0, layout.Bh), b0, b1, b2, b3);
        AddRow(ref Unsafe.Add(ref g0, layout.Wt), t0, t1, t2, t3);
        FeatureGradients(layout, n, z, da, gradient);
    }

    /// <summary>W_r[i, c] += Σ_k z_k[c] da_k[i] (W_r is row-major H×F), one pass over k per feature c.</summary>
    private static void FeatureGradients(TpprlLayout layout, int n, ReadOnlySpan<double> z, ReadOnlySpan<double> da, Span<double> gradient)
    {
        int f = layout.FeatureSize;
        ref double a0 = ref MemoryMarshal.GetReference(da);
        Span<double> sum = stackalloc double[16];
        for (int c = 0; c < f; c++)
        {
            Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int k = 0; k < n; k++)
            {
                double zc = z[k * f + c];
                if (zc == 0) continue;
                ref double a = ref Unsafe.Add(ref a0, k * 16);
                var vz = Vector256.Create(zc);
                q0 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref a, 0), q0);
                q1 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref a, 4), q1);
                q2 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref a, 8), q2);
                q3 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref a, 12), q3);
            }
            q0.CopyTo(sum); q1.CopyTo(sum[4..]); q2.CopyTo(sum[8..]); q3.CopyTo(sum[12..]);
            for (int i = 0; i < 16; i++) gradient[layout.Wr + i * f + c] += sum[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref double at, Vector256<double> x0, Vector256<double> x1, Vector256<double> x2, Vector256<double> x3)
    {
        (Vector256.LoadUnsafe(ref at, 0) + x0).StoreUnsafe(ref at, 0);
        (Vector256.LoadUnsafe(ref at, 4) + x1).StoreUnsafe(ref at, 4);
        (Vector256.LoadUnsafe(ref at, 8) + x2).StoreUnsafe(ref at, 8);
        (Vector256.LoadUnsafe(ref at, 12) + x3).StoreUnsafe(ref at, 12);
    }
}
