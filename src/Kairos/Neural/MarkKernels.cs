using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// SIMD kernels of the mark head over A marks (A ≈ 50 in the throughput target): logits from V_yᵀ, the softmax
/// with its summaries, and the per-interval backward step. Vectors of 4 run along A; when A is not a multiple of 4
/// the last vector overlaps the previous one where that is idempotent (pure writes), else a scalar tail runs.
/// All fall back to scalar loops without 256-bit SIMD or for A &lt; 4.
/// </summary>
internal static class MarkKernels
{
    private static bool Simd(int n) => Vector256.IsHardwareAccelerated && n >= 4;

    /// <summary>ℓ[m] = Σ_j h_j V_yᵀ[j·stride + m] for m &lt; ℓ.Length (stride ≥ ℓ.Length).</summary>
    public static void Logits(ReadOnlySpan<double> vyTransposed, int stride, ReadOnlySpan<double> state, Span<double> logits)
    {
        int n = logits.Length, h = state.Length;
        if (!Simd(n))
        {
            logits.Clear();
            for (int j = 0; j < h; j++)
                for (int m = 0; m < n; m++) logits[m] += state[j] * vyTransposed[j * stride + m];
            return;
        }
        if (vyTransposed.Length < (h - 1) * stride + n) throw new ArgumentException("V_yᵀ is too short.", nameof(vyTransposed));
        ref double v0 = ref MemoryMarshal.GetReference(vyTransposed);
        ref double l0 = ref MemoryMarshal.GetReference(logits);
        ref double h0 = ref MemoryMarshal.GetReference(state);
        for (int i = 0; ; i += 4)
        {
            int o = Math.Min(i, n - 4);   // the last block may overlap: it rewrites the same values
            var acc = Vector256<double>.Zero;
            for (int j = 0; j < h; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref h0, j)),
                    Vector256.LoadUnsafe(ref v0, (nuint)(j * stride + o)), acc);
            acc.StoreUnsafe(ref l0, (nuint)o);
            if (o == n - 4) return;
        }
    }

    /// <summary>p = softmax(ℓ) (maximum subtracted); returns log Σ e^ℓ, ‖p‖² and the entropy H = log Σ e^{ℓ−max} −
    /// pᵀ(ℓ − max).</summary>
    public static (double LogSumExp, double SquareNorm, double Entropy) Softmax(ReadOnlySpan<double> logits, Span<double> p)
    {
        int n = logits.Length;
        double max = TensorPrimitives.Max(logits);
        if (!Simd(n) || p.Length < n) return ScalarSoftmax(logits, p, max);
        ref double l0 = ref MemoryMarshal.GetReference(logits);
        ref double p0 = ref MemoryMarshal.GetReference(p);
        var vmax = Vector256.Create(max);
        var vsum = Vector256<double>.Zero;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            var e = VectorExp.Exp(Vector256.LoadUnsafe(ref l0, (nuint)i) - vmax);
            e.StoreUnsafe(ref p0, (nuint)i);
            vsum += e;
        }
        if (i < n)
        {
            // Overlapping last block: the store rewrites equal values; lanes already summed are masked out.
            var e = VectorExp.Exp(Vector256.LoadUnsafe(ref l0, (nuint)(n - 4)) - vmax);
            e.StoreUnsafe(ref p0, (nuint)(n - 4));
            var lane = Vector256.Create(0.0, 1, 2, 3) + Vector256.Create((double)(n - 4));
            vsum += Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(lane, Vector256.Create((double)i)), e, Vector256<double>.Zero);
        }
        double sum = Vector256.Sum(vsum), inv = 1 / sum;
        var vinv = Vector256.Create(inv);
        var vs2 = Vector256<double>.Zero;
        var vpl = Vector256<double>.Zero;
        for (i = 0; i <= n - 4; i += 4)
        {
            var q = Vector256.LoadUnsafe(ref p0, (nuint)i) * vinv;
            q.StoreUnsafe(ref p0, (nuint)i);
            vs2 = Vector256.FusedMultiplyAdd(q, q, vs2);
            vpl = Vector256.FusedMultiplyAdd(q, Vector256.LoadUnsafe(ref l0, (nuint)i) - vmax, vpl);
        }
        double s2 = Vector256.Sum(vs2), pl = Vector256.Sum(vpl);
        for (; i < n; i++)
        {
            double q = p[i] * inv;
            p[i] = q;
            s2 += q * q;
            pl += q * (logits[i] - max);
        }
        double logSum = Math.Log(sum);
        return (max + logSum, s2, logSum - pl);
    }

    /// <summary>
    /// Backward step of the mark head on one interval (digest §2.3): dℓ_m = p_m·(quad·(p_m − ‖p‖²) − ownW − entW·(ℓ_m −
    /// lse + H)), plus α at the taken mark y (y &lt; 0: none); then ∇V_yᵀ[j, :] += h_j·dℓ and dh_j += V_yᵀ[j, :]·dℓ.
    /// <paramref name="logits"/> is read only when entW ≠ 0. V_yᵀ, its gradient and <paramref name="dl"/> use the row
    /// stride dl.Length (a multiple of 4 with SIMD, ≥ A), whose padding entries must be 0.
    /// </summary>
    public static void Backward(ReadOnlySpan<double> p, ReadOnlySpan<double> logits, double quad, double s2, double ownW,
        double entW, double lse, double entropy, int y, double alpha, ReadOnlySpan<double> state,
        ReadOnlySpan<double> vyTransposed, Span<double> gradientVyTransposed, Span<double> dl, Span<double> dh)
    {
        int n = p.Length, stride = dl.Length, h = state.Length;
        double c0 = -quad * s2 - ownW - entW * (entropy - lse);
        bool simd = Simd(n) && stride % 4 == 0;
        if (simd)
        {
            if (vyTransposed.Length < h * stride || gradientVyTransposed.Length < h * stride || (entW != 0 && logits.Length < n))
                throw new ArgumentException("mark-head buffers are shorter than H × stride.");
            ref double p0 = ref MemoryMarshal.GetReference(p);
            ref double l0 = ref MemoryMarshal.GetReference(logits);
            ref double d0 = ref MemoryMarshal.GetReference(dl);
            var vq = Vector256.Create(quad);
            var vc = Vector256.Create(c0);
            var ve = Vector256.Create(-entW);
            for (int i = 0; ; i += 4)
            {
                int o = Math.Min(i, n - 4);   // a pure function of p and ℓ: the overlapping last block is idempotent
                var pm = Vector256.LoadUnsafe(ref p0, (nuint)o);
                var inner = Vector256.FusedMultiplyAdd(vq, pm, vc);
                if (entW != 0) inner = Vector256.FusedMultiplyAdd(ve, Vector256.LoadUnsafe(ref l0, (nuint)o), inner);
                (pm * inner).StoreUnsafe(ref d0, (nuint)o);
                if (o == n - 4) break;
            }
        }
        else
            for (int m = 0; m < n; m++)
                dl[m] = p[m] * (quad * p[m] + c0 - (entW != 0 ? entW * logits[m] : 0));
        if (y >= 0) dl[y] += alpha;
        if (!simd)
        {
            for (int j = 0; j < h; j++)
            {
                SmallVector.Axpy(state[j], dl[..n], gradientVyTransposed.Slice(j * stride, n));
                dh[j] += SmallVector.Dot(vyTransposed.Slice(j * stride, n), dl[..n]);
            }
            return;
        }
        ref double v0 = ref MemoryMarshal.GetReference(vyTransposed);
        ref double g0 = ref MemoryMarshal.GetReference(gradientVyTransposed);
        ref double dd = ref MemoryMarshal.GetReference(dl);
        for (int j = 0; j < h; j++)   // ∇V_yᵀ row j += h_j dℓ and dh_j += row j · dℓ, in one pass over the row
        {
            var hj = Vector256.Create(state[j]);
            var acc = Vector256<double>.Zero;
            int row = j * stride;
            for (int i = 0; i < stride; i += 4)
            {
                var d = Vector256.LoadUnsafe(ref dd, (nuint)i);
                nuint at = (nuint)(row + i);
                Vector256.FusedMultiplyAdd(hj, d, Vector256.LoadUnsafe(ref g0, at)).StoreUnsafe(ref g0, at);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref v0, at), d, acc);
            }
            dh[j] += Vector256.Sum(acc);
        }
    }

    /// <summary>Row stride for V_yᵀ-shaped buffers with A marks: A rounded up to a multiple of 4.</summary>
    public static int Stride(int marks) => (marks + 3) & ~3;

    private static (double, double, double) ScalarSoftmax(ReadOnlySpan<double> logits, Span<double> p, double max)
    {
        double sum = 0;
        for (int m = 0; m < logits.Length; m++) sum += p[m] = Math.Exp(logits[m] - max);
        double inv = 1 / sum, s2 = 0, pl = 0;
        for (int m = 0; m < logits.Length; m++)
        {
            double q = p[m] *= inv;
            s2 += q * q;
            pl += q * (logits[m] - max);
        }
        double logSum = Math.Log(sum);
        return (max + logSum, s2, logSum - pl);
    }
}
