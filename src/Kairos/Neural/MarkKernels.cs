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

    /// <summary>ℓ[m] = Σ_j h_j V_yᵀ[j·stride + m] for m &lt; ℓ.Length (stride ≥ ℓ.Length); returns max_m ℓ[m].</summary>
    public static double Logits(ReadOnlySpan<double> vyTransposed, int stride, ReadOnlySpan<double> state, Span<double> logits)
    {
        int n = logits.Length, h = state.Length;
        if (!Simd(n))
        {
            logits.Clear();
            for (int j = 0; j < h; j++)
                for (int m = 0; m < n; m++) logits[m] += state[j] * vyTransposed[j * stride + m];
            return n == 0 ? double.NegativeInfinity : TensorPrimitives.Max<double>(logits);
        }
        if (vyTransposed.Length < (h - 1) * stride + n) throw new ArgumentException("V_yᵀ is too short.", nameof(vyTransposed));
        ref double v0 = ref MemoryMarshal.GetReference(vyTransposed);
        ref double l0 = ref MemoryMarshal.GetReference(logits);
        ref double h0 = ref MemoryMarshal.GetReference(state);
        var max = Vector256.Create(double.NegativeInfinity);
        for (int i = 0; ; i += 4)
        {
            int o = Math.Min(i, n - 4);   // the last block may overlap: it rewrites the same values (and max is idempotent)
            var acc = Vector256<double>.Zero;
            for (int j = 0; j < h; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref h0, j)),
                    Vector256.LoadUnsafe(ref v0, (nuint)(j * stride + o)), acc);
            acc.StoreUnsafe(ref l0, (nuint)o);
            max = Vector256.Max(max, acc);
            if (o == n - 4) break;
        }
        return Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
    }

    /// <summary>p = softmax(ℓ) (maximum subtracted); returns log Σ e^ℓ, ‖p‖² and the entropy H = log Σ e^{ℓ−max} −
    /// pᵀ(ℓ − max).</summary>
    public static (double LogSumExp, double SquareNorm, double Entropy) Softmax(ReadOnlySpan<double> logits, Span<double> p) =>
        Softmax(logits, p, TensorPrimitives.Max(logits));

    /// <summary><see cref="Softmax(ReadOnlySpan{double}, Span{double})"/> given <paramref name="max"/> = max ℓ (e.g. from
    /// <see cref="Logits"/>).</summary>
    public static (double LogSumExp, double SquareNorm, double Entropy) Softmax(ReadOnlySpan<double> logits, Span<double> p, double max)
    {
        int n = logits.Length;
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
    /// Backward step of the mark head on one interval (digest §2.3), from the logits ℓ (length ≥ A) and their
    /// log-sum-exp: with p = exp(ℓ − lse), dℓ_m = p_m·(quad·(p_m − ‖p‖²) − ownW − entW·(ℓ_m − lse + H)), plus α at the
    /// taken mark y (y &lt; 0: none); then ∇V_yᵀ[j, :] += h_j·dℓ and dh_j += V_yᵀ[j, :]·dℓ. V_yᵀ, its gradient and
    /// <paramref name="dl"/> use the row stride dl.Length (a multiple of 4, ≥ A), whose padding entries must be 0.
    /// </summary>
    public static void Backward(ReadOnlySpan<double> logits, int marks, double lse, double quad, double s2, double ownW,
        double entW, double entropy, int y, double alpha, ReadOnlySpan<double> state,
        ReadOnlySpan<double> vyTransposed, Span<double> gradientVyTransposed, Span<double> dl, Span<double> dh)
    {
        int n = marks, stride = dl.Length, h = state.Length;
        if (stride % 4 != 0 || stride < n || logits.Length < n || vyTransposed.Length < h * stride
            || gradientVyTransposed.Length < h * stride || dh.Length < h)
            throw new ArgumentException("mark-head buffers do not match H × stride.");
        // p(c0 + quad·p − entW·ℓ) with c0 = −quad‖p‖² − ownW − entW(H − lse)
        double c0 = -quad * s2 - ownW - entW * (entropy - lse);
        if (Simd(n))
        {
            ref double l0 = ref MemoryMarshal.GetReference(logits);
            ref double d0 = ref MemoryMarshal.GetReference(dl);
            var vq = Vector256.Create(quad);
            var vc = Vector256.Create(c0);
            var ve = Vector256.Create(-entW);
            var vlse = Vector256.Create(lse);
            for (int i = 0; ; i += 4)
            {
                int o = Math.Min(i, n - 4);   // a pure function of ℓ: the overlapping last block is idempotent
                var l = Vector256.LoadUnsafe(ref l0, (nuint)o);
                var pm = VectorExp.Exp(l - vlse);
                var inner = Vector256.FusedMultiplyAdd(ve, l, Vector256.FusedMultiplyAdd(vq, pm, vc));
                (pm * inner).StoreUnsafe(ref d0, (nuint)o);
                if (o == n - 4) break;
            }
        }
        else
            for (int m = 0; m < n; m++)
            {
                double pm = Math.Exp(logits[m] - lse);
                dl[m] = pm * (quad * pm + c0 - entW * logits[m]);
            }
        if (y >= 0) dl[y] += alpha;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int j = 0; j < h; j++)
            {
                SmallVector.Axpy(state[j], dl, gradientVyTransposed.Slice(j * stride, stride));
                dh[j] += SmallVector.Dot(vyTransposed.Slice(j * stride, stride), dl);
            }
            return;
        }
        ref double v0 = ref MemoryMarshal.GetReference(vyTransposed);
        ref double g0 = ref MemoryMarshal.GetReference(gradientVyTransposed);
        ref double dd = ref MemoryMarshal.GetReference(dl);
        int j0 = 0;
        for (; j0 + 1 < h; j0 += 2)   // two rows per pass: dℓ is loaded once and the two dot products run in parallel
        {
            var ha = Vector256.Create(state[j0]);
            var hb = Vector256.Create(state[j0 + 1]);
            var acca = Vector256<double>.Zero;
            var accb = Vector256<double>.Zero;
            int ra = j0 * stride, rb = ra + stride;
            for (int i = 0; i < stride; i += 4)
            {
                var d = Vector256.LoadUnsafe(ref dd, (nuint)i);
                nuint at = (nuint)(ra + i), bt = (nuint)(rb + i);
                Vector256.FusedMultiplyAdd(ha, d, Vector256.LoadUnsafe(ref g0, at)).StoreUnsafe(ref g0, at);
                Vector256.FusedMultiplyAdd(hb, d, Vector256.LoadUnsafe(ref g0, bt)).StoreUnsafe(ref g0, bt);
                acca = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref v0, at), d, acca);
                accb = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref v0, bt), d, accb);
            }
            dh[j0] += Vector256.Sum(acca);
            dh[j0 + 1] += Vector256.Sum(accb);
        }
        if (j0 < h)
        {
            SmallVector.Axpy(state[j0], dl, gradientVyTransposed.Slice(j0 * stride, stride));
            dh[j0] += SmallVector.Dot(vyTransposed.Slice(j0 * stride, stride), dl);
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
