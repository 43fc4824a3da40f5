using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kairos.Neural;

/// <summary>Dot product and axpy for the short vectors of the TPPRL cell (length H ≈ 8), with SIMD via
/// <see cref="Vector{T}"/> and no call overhead per element.</summary>
internal static class SmallVector
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        double s = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            s = Vector.Sum(acc);
        }
        for (; i < n; i++) s += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return s;
    }

    /// <summary>y += alpha·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        if (y.Length < n) throw new ArgumentException("y is shorter than x.", nameof(y));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (Vector.LoadUnsafe(ref ry, (nuint)i) + va * Vector.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += alpha * Unsafe.Add(ref rx, i);
    }
}
