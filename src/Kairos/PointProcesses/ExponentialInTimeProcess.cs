using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Inhomogeneous Poisson process on [0, T] with λ(t) = exp(c + ω (t − t0)) (TPPRL eq. 13 with the baseline written
/// as e^c). c is a log-rate (log events per time unit), ω the growth rate per time unit (any sign; ω &lt; 0 can die
/// out), t0 the reference time (default 0). Only c − ω t0 is identified, so fitting holds t0 fixed.
/// Compensator ∫_a^b λ = Λ(c + ω (a − t0), ω, b − a) by the library's one <see cref="ExponentialInTimeKernel"/>.
/// </summary>
public sealed class ExponentialInTimeProcess : IPointProcessModel
{
    public ExponentialInTimeProcess(double c, double omega, double t0 = 0)
    {
        C = Require.Finite(c, nameof(c));
        Omega = Require.Finite(omega, nameof(omega));
        T0 = Require.Finite(t0, nameof(t0));
    }

    /// <summary>c: log intensity at t0.</summary>
    public double C { get; }
    /// <summary>ω: growth (&gt; 0) or decay (&lt; 0) rate of the log intensity per time unit.</summary>
    public double Omega { get; }
    /// <summary>t0: reference time.</summary>
    public double T0 { get; }
    public PointProcessFamily Family => PointProcessFamily.Exp;
    public IReadOnlyList<string> ParameterNames { get; } = ["c", "omega", "t0"];
    public IReadOnlyList<double> ParameterValues => [C, Omega, T0];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon) =>
        LogLikelihood(times, horizon, stackalloc double[3]);

    /// <summary>ℓ = Σ (c + ω (t_i − t0)) − I with I = ∫₀ᵀ λ. ∂ℓ/∂c = n − I;
    /// ∂ℓ/∂ω = Σ (t_i − t0) + t0 I − I T r(ωT) with r(x) = 1/(1 − e^{−x}) − 1/x (= ∫₀¹ s e^{xs} ds / ∫₀¹ e^{xs} ds);
    /// ∂ℓ/∂t0 = ω (I − n).</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.Check(times, horizon);
        EventTimes.CheckGradient(gradient, 3);
        int n = times.Length;
        double sumShift = 0;
        foreach (var t in times) sumShift += t - T0;
        double integral = Compensator(0, horizon);
        gradient[0] = n - integral;
        gradient[1] = sumShift + T0 * integral - integral * horizon * ExponentialInTimeKernel.MeanFraction(Omega * horizon);
        gradient[2] = Omega * (integral - n);
        return n * C + Omega * sumShift - integral;
    }

    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        var times = new List<double>();
        double s = 0;
        while (true)
        {
            // Invert the compensator from s (TPPRL eq. 13); +∞ when the remaining mass is below E (eq. 14).
            s += ExponentialInTimeKernel.InverseCumulativeHazard(C + Omega * (s - T0), Omega, ExponentialDraw.Next(rng));
            if (!(s <= horizon)) return times.ToArray();
            times.Add(s);
        }
    }

    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        var z = new double[times.Length];
        double previous = 0;
        for (int i = 0; i < times.Length; i++) { z[i] = Compensator(previous, times[i]); previous = times[i]; }
        return z;
    }

    public double Intensity(double t, ReadOnlySpan<double> times) => t < 0 ? 0 : Math.Exp(C + Omega * (t - T0));

    /// <summary>∫_a^b λ = Λ(c + ω(a − t0), ω, b − a).</summary>
    public double Compensator(double a, double b) =>
        b > a ? ExponentialInTimeKernel.CumulativeHazard(C + Omega * (a - T0), Omega, b - a) : 0;

    public override string ToString() =>
        $"ExpInTime(c={EventTimes.F(C)}, ω={EventTimes.F(Omega)}, t0={EventTimes.F(T0)})";
}
