namespace Kairos.Tests.PointProcesses;

/// <summary>Test oracle: one-sample Kolmogorov–Smirnov test of values against Exp(1), asymptotic p-value
/// P(K &gt; √n D) = 2 Σ (−1)^{k−1} e^{−2k²x²} (Kolmogorov 1933) with Stephens' small-n correction.</summary>
internal static class ExpOneKs
{
    public static (double D, double P) Test(IEnumerable<double> values)
    {
        var u = values.Select(z => -Kairos.Numerics.Fn.Expm1(-z)).OrderBy(v => v).ToArray();
        int n = u.Length;
        double d = 0;
        for (int i = 0; i < n; i++) d = Math.Max(d, Math.Max((i + 1.0) / n - u[i], u[i] - (double)i / n));
        double x = (Math.Sqrt(n) + 0.12 + 0.11 / Math.Sqrt(n)) * d, p = 0;
        for (int k = 1; k <= 100; k++) p += 2 * (k % 2 == 1 ? 1 : -1) * Math.Exp(-2.0 * k * k * x * x);
        return (d, Math.Clamp(p, 0, 1));
    }
}
