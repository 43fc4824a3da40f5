namespace Kairos.Numerics;

/// <summary>
/// The diagonal of a Hessian from an exact gradient: H_ii ≈ (g_i(x + h_i e_i) − g_i(x − h_i e_i)) / (2h_i), a central
/// difference of the i-th gradient coordinate (truncation O(h²), rounding ≈ ε|g|/h), with h_i = step·max(1, |x_i|).
/// 2n gradient evaluations for n coordinates, in coordinate order (deterministic when the gradient is).
/// </summary>
public static class DiagonalHessian
{
    public const double DefaultStep = 1e-4;

    /// <summary><paramref name="gradient"/>(x, g) must overwrite g with ∇f(x); x is restored before returning.</summary>
    public static double[] ByGradientDifferences(Action<double[], double[]> gradient, double[] x, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(x);
        Require.Positive(step, nameof(step));
        var diagonal = new double[x.Length];
        var plus = new double[x.Length];
        var minus = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], h = step * Math.Max(1, Math.Abs(xi));
            x[i] = xi + h;
            gradient(x, plus);
            x[i] = xi - h;
            gradient(x, minus);
            x[i] = xi;
            diagonal[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return diagonal;
    }
}
