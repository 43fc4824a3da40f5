using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// The CLI's <c>hawkes</c> family: a one-dimensional <see cref="HawkesProcess"/> with an exponential kernel in the
/// tick convention λ(t) = μ + Σ_{t_i &lt; t} α β e^{−β (t − t_i)}, so α is the branching ratio (&lt; 1 for
/// stationarity), μ the baseline (events per time unit) and β the decay rate (per time unit). Likelihood, gradient,
/// simulation and compensators delegate to <see cref="HawkesFastLikelihood"/> and <see cref="HawkesProcess"/>.
/// </summary>
public sealed class HawkesPointProcess : IPointProcessModel
{
    public HawkesPointProcess(double mu, double alpha, double beta)
    {
        Mu = Require.Positive(mu, nameof(mu));
        Alpha = Require.NonNegative(alpha, nameof(alpha));
        Beta = Require.Positive(beta, nameof(beta));
        Process = new HawkesProcess(Mu, Alpha, Beta);
    }

    /// <summary>μ: baseline intensity.</summary>
    public double Mu { get; }
    /// <summary>α: branching ratio.</summary>
    public double Alpha { get; }
    /// <summary>β: kernel decay rate.</summary>
    public double Beta { get; }
    /// <summary>The underlying (general, multivariate-capable) process.</summary>
    public HawkesProcess Process { get; }
    public PointProcessFamily Family => PointProcessFamily.Hawkes;
    public IReadOnlyList<string> ParameterNames { get; } = ["mu", "alpha", "beta"];
    public IReadOnlyList<double> ParameterValues => [Mu, Alpha, Beta];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        return HawkesFastLikelihood.LogLikelihood(times, horizon, Mu, Alpha, Beta);
    }

    /// <summary>O(n) recursion with the gradient in (μ, α, β) (Ozaki 1979).</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.Check(times, horizon);
        EventTimes.CheckGradient(gradient, 3);
        return HawkesFastLikelihood.LogLikelihood(times, horizon, Mu, Alpha, Beta, gradient);
    }

    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        return Process.SimulateTimes(horizon, rng);
    }

    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        return Process.Compensators(times, horizon);
    }

    /// <summary>μ + αβ Σ_{t_i &lt; t} e^{−β (t − t_i)} (direct sum; for plots and checks).</summary>
    public double Intensity(double t, ReadOnlySpan<double> times)
    {
        if (t < 0) return 0;
        double excitation = 0;
        foreach (var ti in times)
        {
            if (ti >= t) break;
            excitation += Math.Exp(-Beta * (t - ti));
        }
        return Mu + Alpha * Beta * excitation;
    }

    public override string ToString() =>
        $"Hawkes(μ={EventTimes.F(Mu)}, α={EventTimes.F(Alpha)}, β={EventTimes.F(Beta)})";
}
