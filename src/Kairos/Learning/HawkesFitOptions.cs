namespace Kairos.Learning;

/// <summary>Settings of <see cref="HawkesFitter"/>.</summary>
/// <param name="SharedDecay">Fit one decay β shared by every pair (true) or a full D×D matrix (false).</param>
/// <param name="FixedDecay">When set, β is held at this value (per time unit) and only μ, α are fitted; the
/// log-likelihood is then concave in (μ, α) (the usual advice for <c>tick</c>'s learners).</param>
/// <param name="MaxIterations">BFGS iteration limit.</param>
/// <param name="GradientTolerance">Stop when the gradient of the per-event negative log-likelihood in log-parameter
/// space falls below this.</param>
/// <param name="StandardErrors">Compute standard errors from the observed information (2·k extra gradients).</param>
/// <param name="Initial">Starting point; by default μ_i = N_i/(2T), α_ij = 0.3/D, β = N/T.</param>
public sealed record HawkesFitOptions(
    bool SharedDecay = true,
    double? FixedDecay = null,
    int MaxIterations = 500,
    double GradientTolerance = 1e-7,
    bool StandardErrors = true,
    PointProcesses.HawkesExpKernel? Initial = null)
{
    public static HawkesFitOptions Default { get; } = new();
}
