using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Learning;

/// <summary>Result of <see cref="HawkesFitter"/>: the maximum-likelihood kernel and diagnostics.</summary>
/// <param name="Kernel">Fitted parameters.</param>
/// <param name="LogLikelihood">log L at <paramref name="Kernel"/> (survival term included).</param>
/// <param name="EventCount">Number of events fitted.</param>
/// <param name="Iterations">BFGS iterations.</param>
/// <param name="Converged">True when the optimiser met its gradient tolerance.</param>
/// <param name="StandardErrors">Per flat slot (<see cref="HawkesLayout"/>), from the inverse observed information;
/// NaN for fixed slots, when not requested, or when the information is singular (e.g. α at the boundary 0).</param>
/// <param name="SpectralRadius">ρ(α) of the fit; the process is stationary iff ρ &lt; 1.</param>
/// <param name="Message">Why the optimiser stopped.</param>
public sealed record HawkesFitResult(
    HawkesExpKernel Kernel,
    double LogLikelihood,
    int EventCount,
    int Iterations,
    bool Converged,
    IReadOnlyList<double> StandardErrors,
    double SpectralRadius,
    string Message)
{
    public bool IsStationary => SpectralRadius < 1;

    /// <summary>log L per event (0 events → NaN).</summary>
    public double LogLikelihoodPerEvent => EventCount > 0 ? LogLikelihood / EventCount : double.NaN;

    /// <summary>Parameter names (<see cref="HawkesLayout.Name"/>), values and standard errors.</summary>
    public IEnumerable<(string Name, double Value, double StandardError)> Parameters()
    {
        var flat = Kernel.ToFlat();
        for (int k = 0; k < flat.Length; k++) yield return (Kernel.Layout.Name(k), flat[k], StandardErrors[k]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kernel}, logL={LogLikelihood:G10}, iterations={Iterations}, {(Converged ? "converged" : "not converged")}, rho={SpectralRadius:G6}");
}
