using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Renewal process whose inter-event times (the first measured from 0) are Burr XII(λ = scale, c = shape, k = tail),
/// delivery.md §4.2: S(τ) = (1 + (τ/λ)^c)^{−k}, h(τ) = (k c/τ) σ(z), Λ(τ) = k softplus(z), z = c ln(τ/λ).
/// Log-likelihood Σ log f(τ_i) + log S(T − t_n). scale is in time units; shape and tail are dimensionless, &gt; 0.
/// </summary>
public sealed class HeavyTailRenewalProcess : IPointProcessModel
{
    public HeavyTailRenewalProcess(double scale, double shape, double tail)
    {
        Scale = Require.Positive(scale, nameof(scale));
        Shape = Require.Positive(shape, nameof(shape));
        Tail = Require.Positive(tail, nameof(tail));
    }

    /// <summary>λ: scale (time units).</summary>
    public double Scale { get; }
    /// <summary>c: shape; the hazard decreases for c ≤ 1 and rises then decays for c &gt; 1.</summary>
    public double Shape { get; }
    /// <summary>k: tail index; S(τ) ~ (τ/λ)^{−ck}.</summary>
    public double Tail { get; }
    public PointProcessFamily Family => PointProcessFamily.HeavyTail;
    public IReadOnlyList<string> ParameterNames { get; } = ["scale", "shape", "tail"];
    public IReadOnlyList<double> ParameterValues => [Scale, Shape, Tail];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon) =>
        LogLikelihood(times, horizon, stackalloc double[3]);

    /// <summary>Gradients from delivery.md §4.2's table: for log f, ∂λ = −(c/λ)(1 − (k+1)σ),
    /// ∂c = 1/c + (z/c)(1 − (k+1)σ), ∂k = 1/k − sp(z); for log S, ∂λ = kcσ/λ, ∂c = −kσz/c, ∂k = −sp(z).</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.Check(times, horizon);
        EventTimes.CheckGradient(gradient, 3);
        double c = Shape, k = Tail, lam = Scale, sum = 0, gl = 0, gc = 0, gk = 0, previous = 0;
        foreach (var t in times)
        {
            double tau = t - previous;
            previous = t;
            double z = c * Math.Log(tau / lam), sp = Fn.Softplus(z), sig = Sigmoid(z);
            sum += Math.Log(k) + Math.Log(c) + z - Math.Log(tau) - (k + 1) * sp;
            gl += -(c / lam) * (1 - (k + 1) * sig);
            gc += 1 / c + z / c * (1 - (k + 1) * sig);
            gk += 1 / k - sp;
        }
        double rest = horizon - previous;
        if (rest > 0)
        {
            double z = c * Math.Log(rest / lam), sp = Fn.Softplus(z), sig = Sigmoid(z);
            sum -= k * sp;
            gl += k * c * sig / lam;
            gc -= k * sig * z / c;
            gk -= sp;
        }
        gradient[0] = gl; gradient[1] = gc; gradient[2] = gk;
        return sum;
    }

    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        var times = new List<double>();
        double t = 0;
        while (true)
        {
            t += SampleGap(-Fn.Log1p(-rng.NextDouble()));
            if (!(t <= horizon)) return times.ToArray();
            times.Add(t);
        }
    }

    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        var z = new double[times.Length];
        double previous = 0;
        for (int i = 0; i < times.Length; i++) { z[i] = CumulativeHazard(times[i] - previous); previous = times[i]; }
        return z;
    }

    public double Intensity(double t, ReadOnlySpan<double> times)
    {
        if (t <= 0) return 0;
        double last = 0;
        foreach (var ti in times) { if (ti < t) last = ti; else break; }
        return Hazard(t - last);
    }

    /// <summary>h(τ) = (k c / τ) σ(c ln(τ/λ)).</summary>
    public double Hazard(double tau) => tau <= 0 ? 0 : Tail * Shape / tau * Sigmoid(Shape * Math.Log(tau / Scale));

    /// <summary>Λ(τ) = k softplus(c ln(τ/λ)); log(1 + (τ/λ)^c) would overflow for large τ.</summary>
    public double CumulativeHazard(double tau) => tau <= 0 ? 0 : Tail * Fn.Softplus(Shape * Math.Log(tau / Scale));

    /// <summary>Λ⁻¹(E) = λ expm1(E/k)^{1/c}, in log space for large E/k.</summary>
    public double SampleGap(double e)
    {
        double x = e / Tail;
        double logExpm1 = x > 30 ? x + Fn.Log1p(-Math.Exp(-x)) : Math.Log(Fn.Expm1(x));
        return Scale * Math.Exp(logExpm1 / Shape);
    }

    public override string ToString() =>
        $"BurrXIIRenewal(λ={EventTimes.F(Scale)}, c={EventTimes.F(Shape)}, k={EventTimes.F(Tail)})";

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
