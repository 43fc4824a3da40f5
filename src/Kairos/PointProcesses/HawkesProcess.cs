namespace Kairos.PointProcesses;

/// <summary>
/// A Hawkes process with exponential kernels (see <see cref="HawkesExpKernel"/> for the intensity and parameter
/// ranges): log-likelihood, simulation, intensity and time-rescaling residuals in one place. One-dimensional
/// likelihoods on raw time arrays use <see cref="HawkesFastLikelihood"/>; everything else the O(n·D²) recursion
/// of <see cref="HawkesLikelihood"/>. Immutable and safe to share across threads.
/// </summary>
public sealed class HawkesProcess
{
    public HawkesProcess(HawkesExpKernel kernel) => Kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));

    /// <summary>One-dimensional process λ(t) = μ + Σ_{t_i&lt;t} α β e^{−β(t − t_i)} (CLI family <c>hawkes</c>).</summary>
    public HawkesProcess(double mu, double alpha, double beta) : this(HawkesExpKernel.Univariate(mu, alpha, beta)) { }

    public HawkesExpKernel Kernel { get; }
    public int Dimension => Kernel.Dimension;

    /// <summary>log L of sorted one-dimensional <paramref name="times"/> on [0, <paramref name="horizon"/>]
    /// (survival to T included); an empty history gives −μT.</summary>
    public double LogLikelihood(ReadOnlySpan<double> times, double horizon)
    {
        RequireUnivariate();
        return HawkesFastLikelihood.LogLikelihood(times, horizon, Kernel.Baseline(0), Kernel.Adjacency(0, 0), Kernel.Decay(0, 0));
    }

    /// <summary>log L of a (multivariate) realization; the gradient, when given, follows <see cref="HawkesLayout"/>.</summary>
    public double LogLikelihood(HawkesRealization data, Span<double> gradient = default)
    {
        HawkesLikelihood.CheckArgs(Kernel, data, gradient);
        if (Dimension > 1) return HawkesLikelihood.LogLikelihood(Kernel, data, gradient);
        double mu = Kernel.Baseline(0), alpha = Kernel.Adjacency(0, 0), beta = Kernel.Decay(0, 0);
        return gradient.IsEmpty
            ? HawkesFastLikelihood.LogLikelihood(data.Times, data.Horizon, mu, alpha, beta)
            : HawkesFastLikelihood.LogLikelihood(data.Times, data.Horizon, mu, alpha, beta, gradient);
    }

    /// <summary>Simulates on [0, horizon] by Ogata thinning.</summary>
    public HawkesRealization Simulate(double horizon, Random rng) => HawkesSimulator.Thinning(Kernel, horizon, rng);

    /// <summary>One-dimensional simulation returning the sorted event times.</summary>
    public double[] SimulateTimes(double horizon, Random rng)
    {
        RequireUnivariate();
        return Simulate(horizon, rng).Times.ToArray();
    }

    /// <summary>λ_d(t) given the events before t.</summary>
    public double Intensity(HawkesRealization data, int dimension, double t) =>
        HawkesLikelihood.Intensity(Kernel, data, dimension, t);

    /// <summary>Time-rescaling residuals Λ(t_{i−1}, t_i] of one-dimensional times (~Exp(1) under the model).</summary>
    public double[] Compensators(ReadOnlySpan<double> times, double horizon)
    {
        RequireUnivariate();
        return HawkesCompensator.Residuals(Kernel, HawkesRealization.Univariate(times, horizon))[0];
    }

    /// <summary>Time-rescaling residuals per dimension.</summary>
    public double[][] Compensators(HawkesRealization data) => HawkesCompensator.Residuals(Kernel, data);

    public override string ToString() => Kernel.ToString();

    private void RequireUnivariate()
    {
        if (Dimension != 1)
            throw new InvalidOperationException(
                $"This overload takes one-dimensional times but the process has {CountText.Of(Dimension, "dimension")}; pass a HawkesRealization instead.");
    }
}
