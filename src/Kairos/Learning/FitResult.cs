using Kairos.PointProcesses;

namespace Kairos.Learning;

/// <summary>A maximum-likelihood fit of a process-level family: estimates and standard errors (from the observed
/// information, the inverse Hessian of −ℓ; NaN when the Hessian is not positive definite or the parameter was held
/// fixed), the maximised log-likelihood, the number of events, optimiser iterations and whether it converged.</summary>
public sealed record FitResult(
    PointProcessFamily Family,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<double> Estimates,
    IReadOnlyList<double> StandardErrors,
    double LogLikelihood,
    int Events,
    int Iterations,
    bool Converged,
    string Message)
{
    /// <summary>The fitted model.</summary>
    public IPointProcessModel Model => PointProcessFamilies.Get(Family).Create(Estimates.ToArray());

    public double Estimate(string name) => Estimates[Index(name)];
    public double StandardError(string name) => StandardErrors[Index(name)];

    private int Index(string name)
    {
        for (int i = 0; i < ParameterNames.Count; i++)
            if (ParameterNames[i] == name) return i;
        throw new ArgumentException($"no parameter '{name}'; parameters: {string.Join(", ", ParameterNames)}.", nameof(name));
    }
}
