using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kairos.Neural;

/// <summary>
/// The TPPRL cell's forward step (<see cref="TpprlCell.Step"/>, same mathematics) on weights repacked once per θ for
/// long sequences: W_hᵀ and W_rᵀ column by column, and the embedding rows with b_h folded in, each padded to
/// <see cref="Stride"/> (a multiple of 4) with zeros, so the step is H + F broadcast multiply-adds of whole vectors
/// and no horizontal sums. States use the padded stride; the padding stays 0 (tanh 0 = 0).
/// </summary>
public sealed class PackedCell
{
    private readonly double[] _whT, _wrT, _embedding, _wt;

    public PackedCell(ReadOnlySpan<double> theta, TpprlLayout layout)
    {
        if (theta.Length < layout.CellLength) throw new ArgumentException("θ is shorter than the cell.", nameof(theta));
        Layout = layout;
        int h = layout.Hidden, f = layout.FeatureSize, s = Stride = (h + 3) / 4 * 4;
        _whT = new double[h * s];
        _wrT = new double[f * s];
        _embedding = new double[layout.EmbeddingRows * s];
        _wt = new double[s];
        for (int i = 0; i < h; i++)
        {
            for (int j = 0; j < h; j++) _whT[j * s + i] = theta[layout.Wh + i * h + j];
            for (int c = 0; c < f; c++) _wrT[c * s + i] = theta[layout.Wr + i * f + c];
            for (int x = 0; x < layout.EmbeddingRows; x++) _embedding[x * s + i] = theta[layout.Wm + x * h + i] + theta[layout.Bh + i];
            _wt[i] = theta[layout.Wt + i];
        }
    }

    public TpprlLayout Layout { get; }
    /// <summary>H rounded up to a multiple of 4: the length of a state vector here.</summary>
    public int Stride { get; }

    /// <summary>next = tanh(W_m[x] + b_h + W_t Δ + W_h previous + W_r z); both states have length <see cref="Stride"/>
    /// and must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(ReadOnlySpan<double> previous, int input, ReadOnlySpan<double> z, double delta, Span<double> next)
    {
        int s = Stride, h = Layout.Hidden, f = Layout.FeatureSize;
        if ((uint)input >= (uint)Layout.EmbeddingRows || previous.Length < s || next.Length < s || z.Length < f)
            throw new ArgumentException("cell step buffers do not match the layout.");
        ref double p0 = ref MemoryMarshal.GetReference(previous);
        ref double n0 = ref MemoryMarshal.GetReference(next);
        ref double e0 = ref _embedding[input * s];
        ref double w0 = ref _whT[0];
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(_wrT);
        ref double t0 = ref _wt[0];
        var vd = Vector256.Create(delta);
        if (s == 16)
        {
            Step16(ref p0, ref e0, ref w0, ref r0, ref t0, z[..f], vd, h, ref n0);
            return;
        }
        for (int i = 0; i < s; i += 4)
        {
            var acc = Vector256.FusedMultiplyAdd(vd, Vector256.LoadUnsafe(ref t0, (nuint)i), Vector256.LoadUnsafe(ref e0, (nuint)i));
            for (int c = 0; c < f; c++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(z[c]), Vector256.LoadUnsafe(ref r0, (nuint)(c * s + i)), acc);
            for (int j = 0; j < h; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref p0, j)), Vector256.LoadUnsafe(ref w0, (nuint)(j * s + i)), acc);
            VectorTanh.Tanh(acc).StoreUnsafe(ref n0, (nuint)i);
        }
    }

    /// <summary>The step for 13 ≤ H ≤ 16 with four independent accumulators (no FMA latency chain across output
    /// blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step16(ref double p0, ref double e0, ref double w0, ref double r0, ref double t0, ReadOnlySpan<double> z,
        Vector256<double> vd, int h, ref double n0)
    {
        var a0 = Vector256.FusedMultiplyAdd(vd, Vector256.LoadUnsafe(ref t0, 0), Vector256.LoadUnsafe(ref e0, 0));
        var a1 = Vector256.FusedMultiplyAdd(vd, Vector256.LoadUnsafe(ref t0, 4), Vector256.LoadUnsafe(ref e0, 4));
        var a2 = Vector256.FusedMultiplyAdd(vd, Vector256.LoadUnsafe(ref t0, 8), Vector256.LoadUnsafe(ref e0, 8));
        var a3 = Vector256.FusedMultiplyAdd(vd, Vector256.LoadUnsafe(ref t0, 12), Vector256.LoadUnsafe(ref e0, 12));
        for (int c = 0; c < z.Length; c++)
        {
            var vz = Vector256.Create(z[c]);
            ref double rc = ref Unsafe.Add(ref r0, c * 16);
            a0 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref rc, 0), a0);
            a1 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref rc, 4), a1);
            a2 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref rc, 8), a2);
            a3 = Vector256.FusedMultiplyAdd(vz, Vector256.LoadUnsafe(ref rc, 12), a3);
        }
        for (int j = 0; j < h; j++)
        {
            var pj = Vector256.Create(Unsafe.Add(ref p0, j));
            ref double row = ref Unsafe.Add(ref w0, j * 16);
            a0 = Vector256.FusedMultiplyAdd(pj, Vector256.LoadUnsafe(ref row, 0), a0);
            a1 = Vector256.FusedMultiplyAdd(pj, Vector256.LoadUnsafe(ref row, 4), a1);
            a2 = Vector256.FusedMultiplyAdd(pj, Vector256.LoadUnsafe(ref row, 8), a2);
            a3 = Vector256.FusedMultiplyAdd(pj, Vector256.LoadUnsafe(ref row, 12), a3);
        }
        VectorTanh.Tanh(a0).StoreUnsafe(ref n0, 0);
        VectorTanh.Tanh(a1).StoreUnsafe(ref n0, 4);
        VectorTanh.Tanh(a2).StoreUnsafe(ref n0, 8);
        VectorTanh.Tanh(a3).StoreUnsafe(ref n0, 12);
    }
}
