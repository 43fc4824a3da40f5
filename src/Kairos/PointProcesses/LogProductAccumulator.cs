using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kairos.PointProcesses;

/// <summary>
/// Σ log x_k for positive normal doubles without one log per term: each x = m·2^e (m ∈ [1, 2)) adds e to an
/// integer exponent sum and multiplies m into a running product per SIMD lane (exact exponent arithmetic, so the
/// product can neither overflow nor underflow). <see cref="Renormalize"/> folds the product's own exponent back
/// every chunk (≤ 256 factors per lane keeps it below 2^256). Rounding: one ulp per factor, i.e. an absolute error
/// in the sum of about (factors per lane)·2^−53. Callers must check x ≥ 2^−1022 and finite (<see cref="IsValid"/>).
/// </summary>
internal struct LogProductAccumulator
{
    private const ulong MantissaMask = 0x000F_FFFF_FFFF_FFFFUL;
    private const ulong OneBits = 0x3FF0_0000_0000_0000UL;

    // Fields rather than properties: hot loops copy them into locals (registers) and store them back once per chunk.
    internal Vector256<double> _product;
    internal Vector256<long> _exponent;
    private double _scalar;

    public static LogProductAccumulator Create() =>
        new() { _product = Vector256<double>.One, _exponent = Vector256<long>.Zero, _scalar = 0 };

    /// <summary>product ·= mantissa(x), exponent += exponent(x), on locals (x positive, normal, finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(Vector256<double> x, ref Vector256<double> product, ref Vector256<long> exponent)
    {
        var bits = x.AsUInt64();
        exponent += (bits >> 52).AsInt64() - Vector256.Create(1023L);
        product *= ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(OneBits)).AsDouble();
    }

    /// <summary>All-ones lanes where x is a positive, normal, finite double (NaN gives zero lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> IsValid(Vector256<double> x) =>
        Vector256.GreaterThanOrEqual(x, Vector256.Create(2.2250738585072014E-308)) &
        Vector256.LessThan(x, Vector256.Create(double.PositiveInfinity));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector256<double> x) => Accumulate(x, ref _product, ref _exponent);

    /// <summary>Adds log x for one value through the scalar log (tails and invalid chunks).</summary>
    public void AddScalar(double x) => _scalar += Math.Log(x);

    /// <summary>Moves the exponent of each lane's product into the integer sum (call at least every 256 adds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Renormalize()
    {
        var bits = _product.AsUInt64();
        _exponent += (bits >> 52).AsInt64() - Vector256.Create(1023L);
        _product = ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(OneBits)).AsDouble();
    }

    /// <summary>The accumulated Σ log x.</summary>
    public readonly double Total
    {
        get
        {
            var copy = this;
            copy.Renormalize();
            double sum = copy._scalar, e = 0;
            for (int l = 0; l < Vector256<double>.Count; l++)
            {
                sum += Math.Log(copy._product.GetElement(l));
                e += copy._exponent.GetElement(l);
            }
            return sum + e * Math.Log(2);   // exponents are exact integers; one rounding here
        }
    }
}
