using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Goodness of fit by the time-rescaling theorem (Brown, Barbieri, Ventura, Kass &amp; Frank 2002; Ogata 1988):
/// if the model's compensator Λ is right, the residuals τ_i = Λ(t_i) − Λ(t_{i−1}) are i.i.d. Exp(1), so
/// u_i = 1 − e^{−τ_i} are i.i.d. U(0, 1). The fit is judged by a Kolmogorov–Smirnov test of the residuals against
/// Exp(1) and shown as a QQ plot.
/// </summary>
public static class TimeRescaling
{
    /// <summary>The Exp(1) CDF, −expm1(−x) for x ≥ 0.</summary>
    public static double ExponentialCdf(double x) => x <= 0 ? 0 : -Fn.Expm1(-x);

    /// <summary>Residuals τ_i = Λ(t_i) − Λ(t_{i−1}) from compensator values Λ(t_1) ≤ Λ(t_2) ≤ … at the event
    /// times, with Λ(t_0) = <paramref name="start"/> (default 0).</summary>
    public static double[] Residuals(ReadOnlySpan<double> compensatorAtEvents, double start = 0)
    {
        var r = new double[compensatorAtEvents.Length];
        double prev = Require.Finite(start, nameof(start));
        for (int i = 0; i < r.Length; i++)
        {
            double v = compensatorAtEvents[i];
            if (!(v >= prev) || double.IsInfinity(v))
                throw new ArgumentException(
                    $"compensator values must be finite and non-decreasing, but value {i} is {Require.Fmt(v)} " +
                    $"after {Require.Fmt(prev)}.", nameof(compensatorAtEvents));
            r[i] = v - prev;
            prev = v;
        }
        return r;
    }

    /// <summary>u_i = 1 − e^{−τ_i}, uniform on (0, 1) under a correct model.</summary>
    public static double[] ToUniform(ReadOnlySpan<double> residuals)
    {
        var u = new double[residuals.Length];
        for (int i = 0; i < u.Length; i++) u[i] = ExponentialCdf(residuals[i]);
        return u;
    }

    /// <summary>KS test of residuals against Exp(1).</summary>
    public static KolmogorovSmirnov.Result Test(ReadOnlySpan<double> residuals) =>
        KolmogorovSmirnov.Test(residuals, ExponentialCdf);

    /// <summary>KS test from compensator values at the event times (see <see cref="Residuals"/>).</summary>
    public static KolmogorovSmirnov.Result TestCompensator(ReadOnlySpan<double> compensatorAtEvents, double start = 0) =>
        Test(Residuals(compensatorAtEvents, start));

    /// <summary>QQ-plot data: the sorted sample against the theoretical quantiles Q((i − ½)/n) (Hazen plotting
    /// positions), here for Exp(1): −log1p(−p).</summary>
    public static (double[] Theoretical, double[] Empirical) QuantilePairs(ReadOnlySpan<double> residuals) =>
        QuantilePairs(residuals, p => -Fn.Log1p(-p));

    /// <summary>QQ-plot data against any quantile function.</summary>
    public static (double[] Theoretical, double[] Empirical) QuantilePairs(ReadOnlySpan<double> sample,
        Func<double, double> quantile)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        var empirical = sample.ToArray();
        Array.Sort(empirical);
        var theoretical = new double[empirical.Length];
        for (int i = 0; i < empirical.Length; i++) theoretical[i] = quantile((i + 0.5) / empirical.Length);
        return (theoretical, empirical);
    }
}
