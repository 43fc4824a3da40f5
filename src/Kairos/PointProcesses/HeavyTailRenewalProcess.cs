using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// The CLI's <c>heavytail</c> family: a renewal process whose inter-event times (the first measured from 0) are
/// <see cref="BurrXII"/>(λ = scale, c = shape, k = tail), delivery.md §4.2: S(τ) = (1 + (τ/λ)^c)^{−k}.
/// Log-likelihood Σ log f(τ_i) + log S(T − t_n); intensity h(t − last event). scale is in time units; shape and
/// tail are dimensionless, &gt; 0. A zero gap (tied times, an event at 0) contributes log f(0) = log(k/λ) at c = 1
/// and ±∞ otherwise.
/// </summary>
public sealed class HeavyTailRenewalProcess : IPointProcessModel
{
    public HeavyTailRenewalProcess(double scale, double shape, double tail) => Gap = new BurrXII(scale, shape, tail);

    /// <summary>The law of the gaps.</summary>
    public BurrXII Gap { get; }
    public double Scale => Gap.Scale;
    public double Shape => Gap.Shape;
    public double Tail => Gap.Tail;
    public PointProcessFamily Family => PointProcessFamily.HeavyTail;
    public IReadOnlyList<string> ParameterNames { get; } = ["scale", "shape", "tail"];
    public IReadOnlyList<double> ParameterValues => [Scale, Shape, Tail];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        double sum = 0, previous = 0;
        foreach (var t in times) { sum += Gap.LogDensity(t - previous); previous = t; }
        return sum - Gap.CumulativeHazard(horizon - previous);
    }

    /// <summary>With the gradient Σ ∇ log f(τ_i) + ∇ log S(T − t_n) from <see cref="BurrXII"/>'s closed forms.</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.Check(times, horizon);
        EventTimes.CheckGradient(gradient, 3);
        gradient.Clear();
        Span<double> g = stackalloc double[3];
        double sum = 0, previous = 0;
        foreach (var t in times)
        {
            double tau = t - previous;
            previous = t;
            if (tau == 0) { sum += ZeroGapLogDensity(gradient); continue; }
            sum += Gap.LogDensityGradient(tau, g);
            for (int j = 0; j < 3; j++) gradient[j] += g[j];
        }
        if (horizon > previous)
        {
            sum += Gap.LogSurvivalGradient(horizon - previous, g);
            for (int j = 0; j < 3; j++) gradient[j] += g[j];
        }
        return sum;
    }

    /// <summary>log f(0) of a zero gap (tied times, or an event at t = 0), added to <paramref name="gradient"/>.
    /// f(0) = h(0) = (k/λ)·lim (τ/λ)^{c−1}: k/λ at c = 1, with ∂/∂λ = −1/λ and ∂/∂k = 1/k; ∂/∂c does not exist
    /// (log f(0) jumps from +∞ to −∞ through c = 1), so that entry is NaN. At c ≠ 1 the value is ±∞ and the
    /// whole gradient NaN.</summary>
    private double ZeroGapLogDensity(Span<double> gradient)
    {
        double value = Gap.LogDensity(0);
        if (double.IsFinite(value)) { gradient[0] -= 1 / Scale; gradient[2] += 1 / Tail; gradient[1] = double.NaN; }
        else gradient.Fill(double.NaN);
        return value;
    }

    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        var times = new List<double>();
        double t = 0;
        while (true)
        {
            t += Gap.Sample(rng);
            if (!(t <= horizon)) return times.ToArray();
            times.Add(t);
        }
    }

    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        var z = new double[times.Length];
        double previous = 0;
        for (int i = 0; i < times.Length; i++) { z[i] = Gap.CumulativeHazard(times[i] - previous); previous = times[i]; }
        return z;
    }

    public double Intensity(double t, ReadOnlySpan<double> times)
    {
        if (t <= 0) return 0;
        double last = 0;
        foreach (var ti in times) { if (ti < t) last = ti; else break; }
        return Gap.Hazard(t - last);
    }

    public override string ToString() =>
        $"BurrXIIRenewal(λ={EventTimes.F(Scale)}, c={EventTimes.F(Shape)}, k={EventTimes.F(Tail)})";
}
