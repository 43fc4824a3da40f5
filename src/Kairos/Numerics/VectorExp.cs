using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kairos.Numerics;

/// <summary>
/// SIMD e^x for hot loops (the TPPRL mark softmax, <see cref="Neural.MarkKernels"/>). Cody–Waite reduction s·x = k ln 2 + r with
/// |r| ≤ ln2/2 (ln 2 split in a high part exact in 32 bits and a low part), e^r by its degree-12 Taylor polynomial
/// (truncation ≤ 0.3466^13/13! ≈ 2e−16), then the exponent field adds k. Relative error ≈ 2 ulp (tested against
/// Math.Exp). Arguments below −708 (results under 2^−1021, including −∞) give 0; above 709.7 overflow is not
/// handled (callers pass s·x ≤ 0); NaN gives 0, so callers validate inputs first.
/// </summary>
internal static class VectorExp
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.693147180369123816490;    // ln 2 with its low 32 bits zero
    private const double Ln2Lo = 1.90821492927058770002e-10;  // ln 2 − Ln2Hi
    private const double Shifter = 6755399441055744.0;        // 1.5·2^52: adding it rounds to an integer in the low bits
    private const double Lowest = -708.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> y)
    {
        var shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(Log2E), Vector256.Create(Shifter));
        var k = shifted - Vector256.Create(Shifter);   // round(y / ln 2)
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), y);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        // Horner for Σ_{m=0}^{12} r^m / m!
        var p = Vector256.Create(1.0 / 479001600);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        // 2^k: k sits in the low bits of `shifted`; move k + 1023 into the exponent field.
        var twoK = ((shifted.AsInt64() - Vector256.Create(Shifter).AsInt64() + Vector256.Create(1023L)) << 52).AsDouble();
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(y, Vector256.Create(Lowest)), p * twoK, Vector256<double>.Zero);
    }
}
