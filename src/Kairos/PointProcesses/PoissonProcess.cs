using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>Homogeneous Poisson process, λ(t) = rate (events per time unit, &gt; 0).
/// Log-likelihood n log r − r T.</summary>
public sealed class PoissonProcess : IPointProcessModel
{
    public PoissonProcess(double rate) => Rate = Require.Positive(rate, nameof(rate));

    /// <summary>r: events per time unit.</summary>
    public double Rate { get; }
    public PointProcessFamily Family => PointProcessFamily.Poisson;
    public IReadOnlyList<string> ParameterNames { get; } = ["rate"];
    public IReadOnlyList<double> ParameterValues => [Rate];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        return times.Length * Math.Log(Rate) - Rate * horizon;
    }

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.CheckGradient(gradient, 1);
        gradient[0] = times.Length / Rate - horizon;
        return LogLikelihood(times, horizon);
    }

    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        var times = new List<double>();
        double t = 0;
        while (true)
        {
            t += ExponentialDraw.Next(rng) / Rate;   // Exp(rate) gap by inversion
            if (t > horizon) return times.ToArray();
            times.Add(t);
        }
    }

    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        var z = new double[times.Length];
        double previous = 0;
        for (int i = 0; i < times.Length; i++) { z[i] = Rate * (times[i] - previous); previous = times[i]; }
        return z;
    }

    public double Intensity(double t, ReadOnlySpan<double> times) => t < 0 ? 0 : Rate;

    public override string ToString() => $"Poisson(r={EventTimes.F(Rate)})";
}
