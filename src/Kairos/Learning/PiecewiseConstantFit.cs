using Kairos.PointProcesses;

namespace Kairos.Learning;

/// <summary>A maximum-likelihood fit of a piecewise-constant hazard (<see cref="PiecewiseConstantFitter"/>): per
/// piece j the event count N_j, the exposure E_j (time at risk inside the piece), the rate r̂_j = N_j / E_j and its
/// standard error √N_j / E_j (observed information N_j / r̂_j²; NaN when N_j = 0, an estimate at the boundary 0).</summary>
public sealed record PiecewiseConstantFit(
    IReadOnlyList<double> Breakpoints,
    IReadOnlyList<double> Rates,
    IReadOnlyList<double> StandardErrors,
    IReadOnlyList<int> Counts,
    IReadOnlyList<double> Exposures,
    double LogLikelihood)
{
    /// <summary>Total number of events fitted.</summary>
    public int Events => Counts.Sum();

    /// <summary>The fitted waiting-time law.</summary>
    public PiecewiseConstantTime Distribution => new(Breakpoints.ToArray(), Rates.ToArray());
}
