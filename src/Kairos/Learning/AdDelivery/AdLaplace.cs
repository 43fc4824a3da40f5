using Kairos.Neural.AdDelivery;
using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// Diagonal Laplace approximation of the user model's posterior around the MAP θ̂ (MacKay 1992; our choice of the
/// diagonal): θ ~ N(θ̂, diag(1/p)) with p_i = ρ + max(0, H_ii), H the Hessian of the negative log-likelihood
/// −Σ_u ℓ_u(θ) of the training users at θ̂ and ρ the prior precision of the MAP fit (θ ~ N(0, 1/ρ)). H_ii is a central
/// difference of the hand-written gradient (<see cref="DiagonalHessian"/>: 2|θ| passes over the users). The floor at 0
/// keeps a direction of negative curvature (the MAP is early-stopped, not an exact optimum, and tanh units saturate) at
/// the prior's spread. 1/p_i is the conditional variance of θ_i given the others, so the diagonal is narrower than the
/// full Laplace marginal; the spread is largest where the data do not pin a parameter down.
/// </summary>
public static class AdLaplace
{
    /// <summary>p_i = ρ + max(0, H_ii) at <paramref name="map"/>'s θ over <paramref name="users"/> (the same at any
    /// <paramref name="threads"/>; −1 = the runtime's choice).</summary>
    public static double[] Precision(AdNetwork map, IReadOnlyList<AdUserSequence> users, double priorPrecision, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(users);
        Require.NonNegative(priorPrecision, nameof(priorPrecision));
        var batch = new AdBatchGradient(map.Layout, threads);
        var hessian = DiagonalHessian.ByGradientDifferences(
            (theta, g) => batch.Evaluate(map.WithTheta(theta), users, g, -1), (double[])map.Theta.Clone());
        var precision = hessian.Select(h => priorPrecision + Math.Max(0, h)).ToArray();
        if (precision.Any(p => !(p > 0) || !double.IsFinite(p)))
            throw new InvalidOperationException("the Laplace precision needs a prior precision > 0 or positive curvature in every coordinate.");
        return precision;
    }

    /// <summary>The Gaussian N(θ̂, diag(1/p)) around <paramref name="map"/>.</summary>
    public static DiagonalGaussian Posterior(AdNetwork map, IReadOnlyList<AdUserSequence> users, double priorPrecision, int threads = -1) =>
        new(map.Theta, Precision(map, users, priorPrecision, threads));
}
