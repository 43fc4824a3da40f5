using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// One-dimensional Hawkes process with an exponential kernel in the convention of the tick library:
/// λ(t) = μ + Σ_{t_i &lt; t} α β e^{−β (t − t_i)}, so α is the branching ratio (mean offspring per event; &lt; 1 for
/// stationarity), μ the baseline (events per time unit) and β the decay rate (per time unit).
/// The likelihood uses the O(n) recursion R_i = e^{−β Δ_i}(1 + R_{i−1}) (Ozaki 1979).
/// </summary>
public sealed class HawkesPointProcess : IPointProcessModel
{
    public HawkesPointProcess(double mu, double alpha, double beta)
    {
        Mu = Require.Positive(mu, nameof(mu));
        Alpha = Require.NonNegative(alpha, nameof(alpha));
        Beta = Require.Positive(beta, nameof(beta));
    }

    /// <summary>μ: baseline intensity.</summary>
    public double Mu { get; }
    /// <summary>α: branching ratio.</summary>
    public double Alpha { get; }
    /// <summary>β: kernel decay rate.</summary>
    public double Beta { get; }
    public PointProcessFamily Family => PointProcessFamily.Hawkes;
    public IReadOnlyList<string> ParameterNames { get; } = ["mu", "alpha", "beta"];
    public IReadOnlyList<double> ParameterValues => [Mu, Alpha, Beta];

    public double LogLikelihood(ReadOnlySpan<double> times, double horizon) =>
        LogLikelihood(times, horizon, stackalloc double[3]);

    /// <summary>ℓ = Σ log λ_i − μT − α Σ_j (1 − e^{−β(T − t_j)}). With R_i = Σ_{j&lt;i} e^{−β(t_i − t_j)} and
    /// D_i = ∂R_i/∂β = e^{−βΔ}(D_{i−1} − Δ(1 + R_{i−1})): ∂λ_i/∂μ = 1, ∂λ_i/∂α = βR_i, ∂λ_i/∂β = α(R_i + βD_i).</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient)
    {
        EventTimes.Check(times, horizon);
        EventTimes.CheckGradient(gradient, 3);
        double mu = Mu, a = Alpha, b = Beta;
        double sum = 0, gMu = 0, gA = 0, gB = 0, r = 0, d = 0, previous = 0;
        for (int i = 0; i < times.Length; i++)
        {
            if (i > 0)
            {
                double delta = times[i] - previous, decay = Math.Exp(-b * delta);
                d = decay * (d - delta * (1 + r));
                r = decay * (1 + r);
            }
            previous = times[i];
            double lambda = mu + a * b * r;
            sum += Math.Log(lambda);
            gMu += 1 / lambda;
            gA += b * r / lambda;
            gB += a * (r + b * d) / lambda;
        }
        double compensatorKernel = 0, kernelDb = 0;
        foreach (var t in times)
        {
            double rest = horizon - t;
            compensatorKernel += -Fn.Expm1(-b * rest);      // 1 − e^{−β(T − t_j)}
            kernelDb += rest * Math.Exp(-b * rest);
        }
        gradient[0] = gMu - horizon;
        gradient[1] = gA - compensatorKernel;
        gradient[2] = gB - a * kernelDb;
        return sum - mu * horizon - a * compensatorKernel;
    }

    /// <summary>Ogata (1981) thinning; between events λ decreases, so λ just after the current time bounds it.</summary>
    public double[] Simulate(double horizon, Random rng)
    {
        EventTimes.Check([], horizon);
        var times = new List<double>();
        double t = 0, excitation = 0;   // excitation = Σ α β e^{−β(t − t_i)} at time t
        while (true)
        {
            double bound = Mu + excitation;
            double step = -Fn.Log1p(-rng.NextDouble()) / bound;
            excitation *= Math.Exp(-Beta * step);
            t += step;
            if (!(t <= horizon)) return times.ToArray();
            if (rng.NextDouble() * bound <= Mu + excitation)
            {
                times.Add(t);
                excitation += Alpha * Beta;
            }
        }
    }

    /// <summary>Λ(t_{i−1}, t_i) = μΔ + α S_{i−1}(1 − e^{−βΔ}), S_{i−1} = Σ_{j ≤ i−1} e^{−β(t_{i−1} − t_j)}.</summary>
    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        EventTimes.Check(times, horizon);
        var z = new double[times.Length];
        double s = 0, previous = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double delta = times[i] - previous;
            z[i] = Mu * delta - Alpha * s * Fn.Expm1(-Beta * delta);
            s = 1 + s * Math.Exp(-Beta * delta);
            previous = times[i];
        }
        return z;
    }

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
