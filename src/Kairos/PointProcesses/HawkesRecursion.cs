using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// The excitation recursion of the 1-D exponential Hawkes likelihood over one chunk, split into two independent
/// halves so two loop-carried FMA chains run at once (the recursion is latency-bound). With B_k = w_k(B_{k−1} + 1)
/// and V_k = w_k(V_{k−1} + Δ_k(B_{k−1} + 1)), the second half starts from zero (events before index h excluded) and
/// is then corrected in one SIMD pass: with P_k = e^{−β(t_k − t_{h−1})},
/// B_k += P_k (B_{h−1} + 1) and V_k += P_k ((t_k − t_{h−1})(B_{h−1} + 1) + V_{h−1}).
/// </summary>
internal static class HawkesRecursion
{
    private const int MinSplit = 16;

    /// <summary>Fills a_k = B_k (and v_k = V_k when <paramref name="v"/> is non-empty); updates the carried state.</summary>
    public static void Run(ReadOnlySpan<double> ts, ReadOnlySpan<double> d, ReadOnlySpan<double> w, double beta,
        ref double B, ref double V, Span<double> a, Span<double> v)
    {
        bool withV = !v.IsEmpty;
        int len = ts.Length;
        if (len < MinSplit)
        {
            for (int k = 0; k < len; k++) Step(w[k], d[k], ref B, ref V, ref a[k], ref withV ? ref v[k] : ref a[k], withV);
            return;
        }
        int h = len / 2;
        double B2 = -1, V2 = 0;   // B = −1 makes the second half's first value w·(B + 1) = 0
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double v0 = ref withV ? ref MemoryMarshal.GetReference(v) : ref a0;
        for (int k = 0; k < h; k++)
        {
            int j = h + k;
            Step(Unsafe.Add(ref w0, k), Unsafe.Add(ref d0, k), ref B, ref V, ref Unsafe.Add(ref a0, k), ref Unsafe.Add(ref v0, k), withV);
            Step(Unsafe.Add(ref w0, j), Unsafe.Add(ref d0, j), ref B2, ref V2, ref Unsafe.Add(ref a0, j), ref Unsafe.Add(ref v0, j), withV);
        }
        if ((len & 1) == 1) Step(w[len - 1], d[len - 1], ref B2, ref V2, ref a[len - 1], ref withV ? ref v[len - 1] : ref a[len - 1], withV);
        Correct(ts, h, B + 1, V, beta, a, v, withV);
        B = a[len - 1];
        if (withV) V = v[len - 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(double wk, double dk, ref double B, ref double V, ref double a, ref double v, bool withV)
    {
        if (withV)
        {
            double wd = wk * dk;
            V = Math.FusedMultiplyAdd(wk, V, Math.FusedMultiplyAdd(wd, B, wd));   // w·V + wΔ·(B + 1)
            v = V;
        }
        B = Math.FusedMultiplyAdd(wk, B, wk);   // w·(B + 1)
        a = B;
    }

    private static void Correct(ReadOnlySpan<double> ts, int h, double carriedB, double carriedV, double beta,
        Span<double> a, Span<double> v, bool withV)
    {
        double tEnd = ts[h - 1];
        ref double t0 = ref MemoryMarshal.GetReference(ts);
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double v0 = ref withV ? ref MemoryMarshal.GetReference(v) : ref a0;
        var vEnd = Vector256.Create(tEnd);
        var vNegBeta = Vector256.Create(-beta);
        var vB = Vector256.Create(carriedB);
        var vV = Vector256.Create(carriedV);
        int k = h;
        for (; k <= ts.Length - 4; k += 4)
        {
            var s = Vector256.LoadUnsafe(ref t0, (nuint)k) - vEnd;
            var p = VectorExp.Exp(s * vNegBeta);
            Vector256.FusedMultiplyAdd(p, vB, Vector256.LoadUnsafe(ref a0, (nuint)k)).StoreUnsafe(ref a0, (nuint)k);
            if (withV)
                Vector256.FusedMultiplyAdd(p, Vector256.FusedMultiplyAdd(s, vB, vV), Vector256.LoadUnsafe(ref v0, (nuint)k))
                    .StoreUnsafe(ref v0, (nuint)k);
        }
        for (; k < ts.Length; k++)
        {
            double s = ts[k] - tEnd, p = Math.Exp(-beta * s);
            a[k] += p * carriedB;
            if (withV) v[k] += p * (s * carriedB + carriedV);
        }
    }
}
