namespace Kairos.Numerics;

/// <summary>
/// Elementary functions accurate near their cancellation points. .NET's <c>double.ExpM1</c> and
/// <c>double.LogP1</c> are plain <c>exp(x) − 1</c> and <c>log(1 + x)</c>, which lose all precision near 0.
/// </summary>
public static class Fn
{
    /// <summary>e^x − 1, accurate to a few ulps for all x (Kahan's trick: the rounding error of u = e^x cancels
    /// in (u − 1)·x / log u).</summary>
    public static double Expm1(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (Math.Abs(x) < 1e-5) return x + x * x / 2 + x * x * x / 6;
        double u = Math.Exp(x);
        if (double.IsPositiveInfinity(u)) return u;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>log(1 + x) for x ≥ −1, accurate to a few ulps (Goldberg's trick).</summary>
    public static double Log1p(double x)
    {
        if (double.IsNaN(x) || x < -1) return double.NaN;
        if (x == -1) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        double u = 1.0 + x;
        if (u == 1.0) return x;
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>log(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) =>
        x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));

    /// <summary>Inverse of <see cref="Softplus"/>: log(e^y − 1) for y &gt; 0.</summary>
    public static double InverseSoftplus(double y) =>
        y > 30 ? y + Math.Log(-Expm1(-y)) : Math.Log(Expm1(y));

    /// <summary>(e^x − 1)/x with the limit 1 at x = 0; used for Λ of exponential-in-time intensities.</summary>
    public static double Expm1OverX(double x) => Math.Abs(x) < 1e-5 ? 1 + x / 2 + x * x / 6 : Expm1(x) / x;

    /// <summary>log((e^x − 1)/x) for any finite x, without overflow for large x (where it equals
    /// x + log(1 − e^{−x}) − log x).</summary>
    public static double LogExpm1OverX(double x) =>
        x > 1 ? x + Log1mExp(x) - Math.Log(x)
        : x < -1 ? Math.Log(-Expm1(x)) - Math.Log(-x)
        : Log1p(Expm1MinusXOverX(x));

    /// <summary>(e^x − 1 − x)/x = Σ_{k≥2} x^{k−1}/k! for |x| ≤ 1 (18 terms: the remainder is below 1e-17 relative).</summary>
    private static double Expm1MinusXOverX(double x)
    {
        double term = x / 2, sum = term;
        for (int k = 3; k <= 20; k++) { term *= x / k; sum += term; }
        return sum;
    }

    /// <summary>The logistic function σ(x) = 1/(1 + e^{−x}) without overflow.</summary>
    public static double Logistic(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>log(1 − e^{−x}) for x &gt; 0, accurate on both ends (Mächler 2012).</summary>
    public static double Log1mExp(double x) =>
        x <= Math.Log(2) ? Math.Log(-Expm1(-x)) : Log1p(-Math.Exp(-x));

    /// <summary>log Σ e^{x_i} with the maximum subtracted.</summary>
    public static double LogSumExp(ReadOnlySpan<double> xs)
    {
        if (xs.IsEmpty) return double.NegativeInfinity;
        double max = double.NegativeInfinity;
        foreach (var x in xs) if (x > max) max = x;
        if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max)) return max;
        double sum = 0;
        foreach (var x in xs) sum += Math.Exp(x - max);
        return max + Math.Log(sum);
    }
}
