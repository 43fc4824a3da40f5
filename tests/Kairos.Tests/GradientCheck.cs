namespace Kairos.Tests;

/// <summary>
/// The one gradient check of the test suite: analytic derivatives against Richardson-extrapolated central
/// differences, D = (4·D(h/2) − D(h))/3 with D(h) = (f(x + h) − f(x − h))/(2h), truncation error O(h⁴).
/// The step is scaled to the parameter, h = 1e-3·max(|x|, 1e-2) unless the caller gives one. Rule:
/// |a − n| ≤ 1e-6·max(|a|, |n|) + 1e-9 + noise, where noise = 16ε·max|f|/h bounds the rounding of the differences
/// themselves (for |f| ≤ 100 and h ≥ 1e-5 it is below 1e-10).
/// </summary>
internal static class GradientCheck
{
    public const double Relative = 1e-6;
    public const double Absolute = 1e-9;

    /// <summary>The step used for a coordinate at <paramref name="x"/>.</summary>
    public static double Step(double x) => 1e-3 * Math.Max(Math.Abs(x), 1e-2);

    /// <summary>f′(x) by extrapolated central differences, and the rounding noise of that estimate.</summary>
    public static (double Derivative, double Noise) Derivative(Func<double, double> f, double x, double h)
    {
        double p1 = f(x + h), m1 = f(x - h), p2 = f(x + h / 2), m2 = f(x - h / 2);
        double coarse = (p1 - m1) / (2 * h), fine = (p2 - m2) / h;
        double size = Math.Max(Math.Max(Math.Abs(p1), Math.Abs(m1)), Math.Max(Math.Abs(p2), Math.Abs(m2)));
        return ((4 * fine - coarse) / 3, 16 * Epsilon * size / h);
    }

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Asserts the rule for one pair.</summary>
    public static void AssertClose(double analytic, double numeric, double noise, string what)
    {
        double tolerance = Relative * Math.Max(Math.Abs(analytic), Math.Abs(numeric)) + Absolute + noise;
        Assert.True(Math.Abs(analytic - numeric) <= tolerance && double.IsFinite(analytic),
            $"{what}: analytic {analytic:R}, finite difference {numeric:R} (|diff| {Math.Abs(analytic - numeric):E2} > {tolerance:E2})");
    }

    /// <summary>d/dx of a scalar function.</summary>
    public static void AssertScalar(Func<double, double> f, double x, double analytic, string what, double? step = null)
    {
        var (numeric, noise) = Derivative(f, x, step ?? Step(x));
        AssertClose(analytic, numeric, noise, what);
    }

    /// <summary>∂f/∂x_j for one coordinate.</summary>
    public static void AssertEntry(Func<double[], double> f, double[] x, int j, double analytic, string what, double? step = null)
    {
        double F(double s) { var y = (double[])x.Clone(); y[j] = s; return f(y); }
        AssertScalar(F, x[j], analytic, $"{what} coordinate {j}", step ?? Step(x[j]));
    }

    /// <summary>Every coordinate of the gradient.</summary>
    public static void AssertGradient(Func<double[], double> f, double[] x, ReadOnlySpan<double> analytic, string what)
    {
        Assert.Equal(x.Length, analytic.Length);
        for (int j = 0; j < x.Length; j++) AssertEntry(f, x, j, analytic[j], what);
    }

    /// <summary>The directional derivative ∇f·u against d/ds f(x + s·u) at s = 0 (step <paramref name="step"/>
    /// in s; scale it to the parameters).</summary>
    public static void AssertDirectional(Func<double[], double> f, double[] x, double[] direction, ReadOnlySpan<double> gradient,
        string what, double step)
    {
        double analytic = 0;
        for (int j = 0; j < x.Length; j++) analytic += gradient[j] * direction[j];
        AssertScalar(s => f(x.Select((v, j) => v + s * direction[j]).ToArray()), 0, analytic, what, step);
    }
}
