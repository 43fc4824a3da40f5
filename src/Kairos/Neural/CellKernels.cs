using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kairos.Neural;

/// <summary>Backward step through the TPPRL cell h_k = tanh(W_m[x_k] + W_h h_{k−1} + W_r z_k + W_t Δ_k + b_h) for one
/// event, with 256-bit SIMD along the hidden units when H is a multiple of 4 (scalar otherwise).</summary>
internal static class CellKernels
{
    /// <summary>
    /// Given dh = ∂/∂h_k, writes da = dh ⊙ (1 − h_k²) into <paramref name="da"/>, adds the input weights' gradient
    /// (row x of W_m, b_h, W_t·Δ, W_h += da ⊗ h_{k−1}, W_r += da ⊗ z) to <paramref name="gradient"/>, and replaces
    /// <paramref name="dh"/> by dh_{k−1} = W_hᵀ da.
    /// </summary>
    public static void Backward(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state,
        ReadOnlySpan<double> previous, ReadOnlySpan<double> z, double delta, int input, Span<double> dh, Span<double> da,
        Span<double> gradient)
    {
        int h = layout.Hidden, f = layout.FeatureSize, rowWm = layout.Wm + input * h;
        if (theta.Length < layout.CellLength || gradient.Length != theta.Length || state.Length < h || previous.Length < h
            || dh.Length < h || da.Length < h || z.Length < f || (uint)input >= (uint)layout.EmbeddingRows)
            throw new ArgumentException("cell backward buffers do not match the layout.");
        if (!Vector256.IsHardwareAccelerated || h % 4 != 0)
        {
            Scalar(theta, layout, state, previous, z, delta, rowWm, dh, da, gradient);
            return;
        }
        ref double t0 = ref MemoryMarshal.GetReference(theta);
        ref double g0 = ref MemoryMarshal.GetReference(gradient);
        ref double s0 = ref MemoryMarshal.GetReference(state);
        ref double p0 = ref MemoryMarshal.GetReference(previous);
        ref double dh0 = ref MemoryMarshal.GetReference(dh);
        ref double da0 = ref MemoryMarshal.GetReference(da);
        var vd = Vector256.Create(delta);
        for (int i = 0; i < h; i += 4)
        {
            var s = Vector256.LoadUnsafe(ref s0, (nuint)i);
            var g = Vector256.LoadUnsafe(ref dh0, (nuint)i) * (Vector256<double>.One - s * s);
            g.StoreUnsafe(ref da0, (nuint)i);
            Add(ref g0, rowWm + i, g);
            Add(ref g0, layout.Bh + i, g);
            Add(ref g0, layout.Wt + i, g * vd);
        }
        for (int i = 0; i < h; i++)
        {
            double gi = Unsafe.Add(ref da0, i);
            var vg = Vector256.Create(gi);
            int row = layout.Wh + i * h;
            for (int c = 0; c < h; c += 4)
            {
                nuint at = (nuint)(row + c);
                Vector256.FusedMultiplyAdd(vg, Vector256.LoadUnsafe(ref p0, (nuint)c), Vector256.LoadUnsafe(ref g0, at)).StoreUnsafe(ref g0, at);
            }
            for (int c = 0; c < f; c++) Unsafe.Add(ref g0, layout.Wr + i * f + c) += gi * z[c];
        }
        for (int c = 0; c < h; c += 4)   // dh_{k−1} = W_hᵀ da = Σ_i da_i W_h[i, :]
        {
            var acc = Vector256<double>.Zero;
            for (int i = 0; i < h; i++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref da0, i)),
                    Vector256.LoadUnsafe(ref t0, (nuint)(layout.Wh + i * h + c)), acc);
            acc.StoreUnsafe(ref dh0, (nuint)c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double g0, int offset, Vector256<double> x) =>
        (Vector256.LoadUnsafe(ref g0, (nuint)offset) + x).StoreUnsafe(ref g0, (nuint)offset);

    private static void Scalar(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state,
        ReadOnlySpan<double> previous, ReadOnlySpan<double> z, double delta, int rowWm, Span<double> dh, Span<double> da,
        Span<double> gradient)
    {
        int h = layout.Hidden, f = layout.FeatureSize;
        for (int i = 0; i < h; i++)
        {
            double g = dh[i] * (1 - state[i] * state[i]);
            da[i] = g;
            gradient[rowWm + i] += g;
            gradient[layout.Bh + i] += g;
            gradient[layout.Wt + i] += g * delta;
            SmallVector.Axpy(g, previous[..h], gradient.Slice(layout.Wh + i * h, h));
            if (f > 0) SmallVector.Axpy(g, z[..f], gradient.Slice(layout.Wr + i * f, f));
        }
        dh[..h].Clear();
        for (int i = 0; i < h; i++) SmallVector.Axpy(da[i], theta.Slice(layout.Wh + i * h, h), dh);
    }
}
