namespace Kairos.Cli;

/// <summary>KS test of time-rescaled gaps against Exp(1) (Brown et al. 2002), in one place for the CLI and demo.
/// Asymptotic Kolmogorov p-value with Stephens' correction.</summary>
internal static class TimeRescalingCheck
{
    public static (double Statistic, double PValue) Test(IReadOnlyList<double> residuals)
    {
        var u = residuals.Select(z => -Kairos.Numerics.Fn.Expm1(-z)).OrderBy(v => v).ToArray();
        int n = u.Length;
        if (n == 0) return (double.NaN, double.NaN);
        double d = 0;
        for (int i = 0; i < n; i++) d = Math.Max(d, Math.Max((i + 1.0) / n - u[i], u[i] - (double)i / n));
        double x = (Math.Sqrt(n) + 0.12 + 0.11 / Math.Sqrt(n)) * d, p = 0;
        for (int k = 1; k <= 100; k++) p += 2 * (k % 2 == 1 ? 1 : -1) * Math.Exp(-2.0 * k * k * x * x);
        return (d, Math.Clamp(p, 0, 1));
    }

    /// <summary>QQ pairs: Exp(1) quantiles at (i − ½)/n against the sorted residuals.</summary>
    public static (double[] Theoretical, double[] Empirical) QuantilePairs(IReadOnlyList<double> residuals)
    {
        var e = residuals.OrderBy(v => v).ToArray();
        var t = e.Select((_, i) => -Kairos.Numerics.Fn.Log1p(-(i + 0.5) / e.Length)).ToArray();
        return (t, e);
    }
}
