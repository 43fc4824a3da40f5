namespace Kairos.Tests.PointProcesses;

/// <summary>Kolmogorov–Smirnov statistics for the Hawkes tests (asymptotic Kolmogorov law with Stephens' (1970)
/// small-sample correction λ = (√n + 0.12 + 0.11/√n)·D; Marsaglia, Tsang &amp; Wang 2003 for the series).</summary>
internal static class HawkesKs
{
    public static (double Statistic, double PValue) OneSample(IEnumerable<double> sample, Func<double, double> cdf)
    {
        var x = sample.OrderBy(v => v).ToArray();
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return (d, PValue(d, n));
    }

    public static (double Statistic, double PValue) TwoSample(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.OrderBy(v => v).ToArray();
        var b = second.OrderBy(v => v).ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double t = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= t) i++;
            while (j < b.Length && b[j] <= t) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        double ne = (double)a.Length * b.Length / (a.Length + b.Length);
        return (d, PValue(d, ne));
    }

    public static double ExpCdf(double x) => x <= 0 ? 0 : -Kairos.Numerics.Fn.Expm1(-x);

    private static double PValue(double d, double n)
    {
        double sn = Math.Sqrt(n), lambda = (sn + 0.12 + 0.11 / sn) * d;
        if (lambda < 0.2) return 1;
        double sum = 0;
        for (int k = 1; k <= 100; k++) sum += (k % 2 == 1 ? 2 : -2) * Math.Exp(-2.0 * k * k * lambda * lambda);
        return Math.Clamp(sum, 0, 1);
    }
}
