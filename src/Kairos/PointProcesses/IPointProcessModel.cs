namespace Kairos.PointProcesses;

/// <summary>
/// A point process on [0, T] with a conditional intensity λ(t | history), as used by <c>kairos sample/fit/loglik</c>.
/// Times are sorted, finite, ≥ 0 and ≤ the horizon T. The log-likelihood is Σ log λ(t_i) − ∫₀ᵀ λ(t) dt, the
/// survival term after the last event included (Daley &amp; Vere-Jones, Prop. 7.2.III).
/// </summary>
public interface IPointProcessModel
{
    PointProcessFamily Family { get; }
    /// <summary>Parameter names in order, exactly as <c>--param name=value</c> spells them.</summary>
    IReadOnlyList<string> ParameterNames { get; }
    /// <summary>Parameter values, in the order of <see cref="ParameterNames"/>.</summary>
    IReadOnlyList<double> ParameterValues { get; }

    /// <summary>Σ log λ(t_i) − ∫₀^T λ.</summary>
    double LogLikelihood(ReadOnlySpan<double> times, double horizon);

    /// <summary>The log-likelihood, with its gradient in the parameters (order of <see cref="ParameterNames"/>)
    /// written into <paramref name="gradient"/>.</summary>
    double LogLikelihood(ReadOnlySpan<double> times, double horizon, Span<double> gradient);

    /// <summary>One realisation on [0, <paramref name="horizon"/>], sorted.</summary>
    double[] Simulate(double horizon, Random rng);

    /// <summary>Time-rescaled gaps Λ(t_{i−1}, t_i) = ∫ λ between consecutive events (t_0 = 0), one per event.
    /// Under the model they are i.i.d. Exp(1) (time-rescaling theorem; Brown et al. 2002).</summary>
    double[] Compensators(ReadOnlySpan<double> times, double horizon);

    /// <summary>λ(t) given the events of <paramref name="times"/> strictly before t.</summary>
    double Intensity(double t, ReadOnlySpan<double> times);
}
