namespace Kairos.Numerics;

/// <summary>
/// One-sample Kolmogorov–Smirnov test against a continuous CDF. The p-value P(D_n ≥ d) is exact for small
/// problems (Marsaglia, Tsang &amp; Wang 2003, "Evaluating Kolmogorov's distribution", J. Stat. Softw. 8(18)) and
/// otherwise Kolmogorov's limit law evaluated at Stephens' corrected argument (√n + 0.12 + 0.11/√n)·d
/// (Stephens 1970; also Press et al., Numerical Recipes §14.3), within about 1% relative for n ≥ 100.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The statistic and its p-value.</summary>
    public readonly record struct Result(double Statistic, double PValue, int Count);

    /// <summary>D_n = sup |F_n − F| for <paramref name="sample"/> (any order; NaN rejected) against
    /// <paramref name="cdf"/>, and its p-value.</summary>
    public static Result Test(ReadOnlySpan<double> sample, Func<double, double> cdf)
    {
        double d = Statistic(sample, cdf);
        return new Result(d, PValue(d, sample.Length), sample.Length);
    }

    /// <summary>D_n = max_i max(i/n − F(x_(i)), F(x_(i)) − (i − 1)/n) over the sorted sample.</summary>
    public static double Statistic(ReadOnlySpan<double> sample, Func<double, double> cdf)
    {
        ArgumentNullException.ThrowIfNull(cdf);
        if (sample.IsEmpty) throw new ArgumentException("sample must not be empty.", nameof(sample));
        var sorted = sample.ToArray();
        foreach (var x in sorted)
            if (double.IsNaN(x)) throw new ArgumentException("sample must not contain NaN.", nameof(sample));
        Array.Sort(sorted);
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return d;
    }

    /// <summary>P(D_n ≥ d) under the null hypothesis, for a sample of size n.</summary>
    public static double PValue(double d, int n)
    {
        Require.Positive(n, nameof(n));
        if (double.IsNaN(d)) throw new ArgumentOutOfRangeException(nameof(d), d, "d must not be NaN.");
        if (d <= 0) return 1;
        if (d >= 1) return 0;
        // Exact edges (Ruben & Gambino 1982): P(D_n < d) = n!(2d − 1/n)^n on [1/(2n), 1/n]; P(D_n ≥ d) = 2(1 − d)^n
        // for d ≥ 1 − 1/n.
        if (d <= 0.5 / n) return 1;
        if (d >= 1 - 1.0 / n) return 2 * Math.Pow(1 - d, n);
        double nd2 = n * d * d;
        int m = 2 * ((int)Math.Floor(n * d) + 1) - 1;
        // The exact matrix method costs m³·2·log₂ n; use it when that is cheap and the p-value is not tiny
        // (1 − P loses relative accuracy below ~1e-12).
        if (nd2 < 7.24 && (double)m * m * m * 2 * Math.Log2(n + 1) < 3e7)
            return Math.Clamp(1 - ExactCdf(d, n), 0, 1);
        double sn = Math.Sqrt(n);
        return LimitSurvival((sn + 0.12 + 0.11 / sn) * d);
    }

    /// <summary>P(K &gt; x) of Kolmogorov's limit law: 2Σ_{j≥1} (−1)^{j−1} e^{−2j²x²} for x ≥ 1, and
    /// 1 − (√(2π)/x) Σ_{j≥1} e^{−(2j−1)²π²/(8x²)} below (the theta-function form, which converges fast there).
    /// scipy: kstwobign.sf(1.0) = 0.26999967167735456.</summary>
    public static double LimitSurvival(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must not be NaN.");
        if (x <= 0) return 1;
        if (x < 1)
        {
            if (x < 0.05) return 1;   // the CDF is below e^{−π²/(8·0.0025)} ≈ 1e-214
            double sum = 0, w = -Math.PI * Math.PI / (8 * x * x);
            for (int j = 1; j <= 20; j++) sum += Math.Exp(w * (2 * j - 1) * (2 * j - 1));
            return -Fn.Expm1(Math.Log(Math.Sqrt(2 * Math.PI) / x * sum));
        }
        double s = 0, sign = 1;
        for (int j = 1; j <= 100; j++)
        {
            double term = Math.Exp(-2.0 * j * j * x * x);
            s += sign * term;
            if (term < 1e-18 * s) break;
            sign = -sign;
        }
        return Math.Clamp(2 * s, 0, 1);
    }

    /// <summary>P(D_n &lt; d) by the Marsaglia–Tsang–Wang (2003) matrix power: with k = ⌊nd⌋ + 1, m = 2k − 1,
    /// h = k − nd, P = (n!/n^n)·(H^n)_{kk}, with decimal exponents tracked to avoid overflow.</summary>
    internal static double ExactCdf(double d, int n)
    {
        int k = (int)Math.Floor(n * d) + 1, m = 2 * k - 1;
        double h = k - n * d;
        var H = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                H[i * m + j] = i - j + 1 >= 0 ? 1 : 0;
        for (int i = 0; i < m; i++)
        {
            H[i * m] -= Math.Pow(h, i + 1);
            H[(m - 1) * m + i] -= Math.Pow(h, m - i);
        }
        H[(m - 1) * m] += 2 * h - 1 > 0 ? Math.Pow(2 * h - 1, m) : 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                if (i - j + 1 > 0)
                    for (int g = 1; g <= i - j + 1; g++) H[i * m + j] /= g;
        var (q, e) = MatrixPower(H, m, n);
        double s = q[(k - 1) * m + k - 1];
        for (int i = 1; i <= n; i++)
        {
            s = s * i / n;
            if (s < 1e-140) { s *= 1e140; e -= 140; }
        }
        return s * Math.Pow(10, e);
    }

    private static (double[] Value, int Exponent) MatrixPower(double[] a, int m, int n)
    {
        if (n == 1) return ((double[])a.Clone(), 0);
        var (half, e) = MatrixPower(a, m, n / 2);
        var result = Multiply(half, half, m);
        e *= 2;
        if (n % 2 == 1) result = Multiply(a, result, m);
        if (result[(m / 2) * m + m / 2] > 1e140)
        {
            for (int i = 0; i < result.Length; i++) result[i] *= 1e-140;
            e += 140;
        }
        return (result, e);
    }

    private static double[] Multiply(double[] a, double[] b, int m)
    {
        var c = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int l = 0; l < m; l++)
            {
                double ail = a[i * m + l];
                if (ail == 0) continue;
                for (int j = 0; j < m; j++) c[i * m + j] += ail * b[l * m + j];
            }
        return c;
    }
}
