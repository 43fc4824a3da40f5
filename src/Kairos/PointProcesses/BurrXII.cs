using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Burr type XII waiting time (Burr 1942), the heavy-tailed three-parameter family of delivery.md §4.2:
/// S(τ) = (1 + (τ/λ)^c)^{−k}. With z = c·ln(τ/λ), σ the logistic function and sp(z) = log(1 + e^z):
/// Λ(τ) = k·sp(z), h(τ) = (kc/τ)·σ(z), log f = ln k + ln c + z − ln τ − (k+1)·sp(z),
/// F⁻¹(U) = λ·expm1(E/k)^{1/c} with E = −log(1 − U). Tail S ~ (τ/λ)^{−ck}; the mean is finite iff ck &gt; 1.
/// Nests the log-logistic (k = 1) and Lomax (c = 1) laws.
/// </summary>
public sealed class BurrXII : TimeDistribution
{
    /// <summary>Number of parameters in the gradient layout [∂/∂λ, ∂/∂c, ∂/∂k].</summary>
    public const int ParameterCount = 3;

    /// <param name="scale">λ, time unit; finite and &gt; 0.</param>
    /// <param name="shape">c, dimensionless; finite and &gt; 0 (hazard decreasing for c ≤ 1).</param>
    /// <param name="tail">k, dimensionless; finite and &gt; 0 (tail exponent ck).</param>
    public BurrXII(double scale, double shape, double tail) =>
        (Scale, Shape, Tail) = (Require.Positive(scale, nameof(scale)), Require.Positive(shape, nameof(shape)),
            Require.Positive(tail, nameof(tail)));

    /// <summary>λ, the scale (time unit).</summary>
    public double Scale { get; }

    /// <summary>c, the shape.</summary>
    public double Shape { get; }

    /// <summary>k, the tail parameter.</summary>
    public double Tail { get; }

    /// <summary>The median λ·(2^{1/k} − 1)^{1/c}.</summary>
    public double Median => Scale * Math.Pow(Fn.Expm1(Math.Log(2) / Tail), 1 / Shape);

    /// <summary>z = c·ln(τ/λ), the argument of every formula.</summary>
    private double Z(double tau) => Shape * (Math.Log(tau) - Math.Log(Scale));

    public override double Hazard(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || double.IsPositiveInfinity(tau)) return 0;
        // At τ = 0: h = (kc/λ)·(τ/λ)^{c−1}, i.e. ∞ for c < 1, k/λ for c = 1, 0 for c > 1.
        if (tau == 0) return Shape < 1 ? double.PositiveInfinity : Shape == 1 ? Tail / Scale : 0;
        return Tail * Shape / tau * Fn.Logistic(Z(tau));
    }

    /// <summary>Λ(τ) = k·sp(c·ln(τ/λ)); log(1 + (τ/λ)^c) would overflow for large τ.</summary>
    public override double CumulativeHazard(double tau)
    {
        CheckTime(tau);
        if (tau <= 0) return 0;
        if (double.IsPositiveInfinity(tau)) return tau;
        return Tail * Fn.Softplus(Z(tau));
    }

    /// <summary>Λ⁻¹(L) = λ·exp(sp⁻¹(L/k)/c), i.e. λ·expm1(L/k)^{1/c} computed in log space (delivery.md §4.2).</summary>
    public override double InverseCumulativeHazard(double cumulativeHazard)
    {
        CheckCumulativeHazard(cumulativeHazard);
        if (cumulativeHazard == 0) return 0;
        if (double.IsPositiveInfinity(cumulativeHazard)) return cumulativeHazard;
        return Scale * Math.Exp(Fn.InverseSoftplus(cumulativeHazard / Tail) / Shape);
    }

    public override double LogDensity(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || double.IsPositiveInfinity(tau)) return double.NegativeInfinity;
        if (tau == 0) return Math.Log(Hazard(0));
        double z = Z(tau);
        return Math.Log(Tail) + Math.Log(Shape) + z - Math.Log(tau) - (Tail + 1) * Fn.Softplus(z);
    }

    /// <summary>log f(τ) and its gradient [∂/∂λ, ∂/∂c, ∂/∂k] (delivery.md §4.2 table):
    /// −(c/λ)(1 − (k+1)σ), 1/c + (z/c)(1 − (k+1)σ), 1/k − sp(z). Requires 0 &lt; τ &lt; ∞.</summary>
    public double LogDensityGradient(double tau, Span<double> grad)
    {
        double z = CheckPositiveTime(tau, grad);
        double s = Fn.Logistic(z), sp = Fn.Softplus(z), a = 1 - (Tail + 1) * s;
        grad[0] = -Shape / Scale * a;
        grad[1] = 1 / Shape + z / Shape * a;
        grad[2] = 1 / Tail - sp;
        return Math.Log(Tail) + Math.Log(Shape) + z - Math.Log(tau) - (Tail + 1) * sp;
    }

    /// <summary>log S(τ) = −k·sp(z) and its gradient [kcσ/λ, −kσz/c, −sp(z)] (delivery.md §4.2). Requires
    /// 0 &lt; τ &lt; ∞.</summary>
    public double LogSurvivalGradient(double tau, Span<double> grad)
    {
        double z = CheckPositiveTime(tau, grad);
        double s = Fn.Logistic(z), sp = Fn.Softplus(z);
        grad[0] = Tail * Shape * s / Scale;
        grad[1] = -Tail * s * z / Shape;
        grad[2] = -sp;
        return -Tail * sp;
    }

    /// <summary>log h(τ) = ln k + ln c − ln τ + log σ(z) and its gradient [−(c/λ)(1 − σ), 1/c + (1 − σ)z/c, 1/k]
    /// (delivery.md §4.2). Requires 0 &lt; τ &lt; ∞.</summary>
    public double LogHazardGradient(double tau, Span<double> grad)
    {
        double z = CheckPositiveTime(tau, grad);
        double oneMinusSigma = Fn.Logistic(-z);
        grad[0] = -Shape / Scale * oneMinusSigma;
        grad[1] = 1 / Shape + oneMinusSigma * z / Shape;
        grad[2] = 1 / Tail;
        return Math.Log(Tail) + Math.Log(Shape) - Math.Log(tau) - Fn.Softplus(-z);   // log σ(z) = −sp(−z)
    }

    private double CheckPositiveTime(double tau, Span<double> grad)
    {
        if (!(tau > 0) || double.IsPositiveInfinity(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau,
                $"tau must be finite and > 0 for gradients, got {Require.Fmt(tau)}.");
        if (grad.Length < ParameterCount)
            throw new ArgumentException($"grad must have room for {CountText.Of(ParameterCount, "value")}, got {grad.Length}.",
                nameof(grad));
        return Z(tau);
    }

    public override string ToString() => $"BurrXII(λ={F(Scale)}, c={F(Shape)}, k={F(Tail)})";
}
