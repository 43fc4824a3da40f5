using Kairos.Neural.AdDelivery;
using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>A prior precision tried by <see cref="AdLaplace.Tune"/> and the held-out log predictive per event of its draws.</summary>
public sealed record AdLaplaceCandidate(double PriorPrecision, double HeldOutLogPredictivePerEvent);

/// <summary>
/// Diagonal Laplace approximation of the user model's posterior around the MAP θ̂ (MacKay 1992; our choice of the
/// diagonal): θ ~ N(θ̂, diag(1/p)) with p_i = ρ + max(0, H_ii), H the Hessian of the negative log-likelihood
/// −Σ_u ℓ_u(θ) of the training users at θ̂ and ρ the prior precision (θ ~ N(0, 1/ρ)). H_ii is a central
/// difference of the hand-written gradient (<see cref="DiagonalHessian"/>: 2|θ| passes over the users). The floor at 0
/// keeps a direction of negative curvature (the MAP is early-stopped, not an exact optimum, and tanh units saturate) at
/// the prior's spread. 1/p_i is the conditional variance of θ_i given the others, so the diagonal is narrower than the
/// full Laplace marginal; the spread is largest where the data do not pin a parameter down.
/// </summary>
public static class AdLaplace
{
    /// <summary>H_ii of −Σ_u ℓ_u at <paramref name="map"/>'s θ over <paramref name="users"/> (the same at any
    /// <paramref name="threads"/>; −1 = the runtime's choice).</summary>
    public static double[] HessianDiagonal(AdNetwork map, IReadOnlyList<AdUserSequence> users, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(users);
        var batch = new AdBatchGradient(map.Layout, threads);
        return DiagonalHessian.ByGradientDifferences((theta, g) => batch.Evaluate(map.WithTheta(theta), users, g, -1), (double[])map.Theta.Clone());
    }

    /// <summary>p_i = ρ + max(0, H_ii).</summary>
    public static double[] Precision(IReadOnlyList<double> hessianDiagonal, double priorPrecision)
    {
        Require.NonNegative(priorPrecision, nameof(priorPrecision));
        var precision = hessianDiagonal.Select(h => priorPrecision + Math.Max(0, h)).ToArray();
        if (precision.Any(p => !(p > 0) || !double.IsFinite(p)))
            throw new InvalidOperationException("the Laplace precision needs a prior precision > 0 or positive curvature in every coordinate.");
        return precision;
    }

    /// <summary>p_i = ρ + max(0, H_ii) at <paramref name="map"/>'s θ over <paramref name="users"/>.</summary>
    public static double[] Precision(AdNetwork map, IReadOnlyList<AdUserSequence> users, double priorPrecision, int threads = -1) =>
        Precision(HessianDiagonal(map, users, threads), priorPrecision);

    /// <summary>K draws θ_k = θ̂ + z_k/√p, z_k from stream 2000 + k of <paramref name="seed"/> (k = 1..K): the same z for
    /// every precision, so candidates differ only in their spread.</summary>
    public static List<AdNetwork> Draw(AdNetwork map, double[] precision, int draws, int seed)
    {
        var posterior = new DiagonalGaussian(map.Theta, precision);
        return Enumerable.Range(1, draws).Select(k => map.WithTheta(posterior.Sample(SeedSequence.Stream(seed, 2000 + k)))).ToList();
    }

    /// <summary>The held-out log predictive per user event of a posterior given by its draws:
    /// Σ_u ln((1/K) Σ_k e^{ℓ_u(θ_k)}) / Σ_u E_u (each held-out user a new draw from the predictive).</summary>
    public static double LogPredictivePerEvent(IReadOnlyList<AdNetwork> draws, IReadOnlyList<AdUserSequence> users)
    {
        var batch = new AdBatchGradient(draws[0].Layout);
        var perUser = draws.Select(net => users.Select(u => batch.Evaluate(net, [u]).Total).ToArray()).ToArray();
        double total = 0;
        for (int u = 0; u < users.Count; u++)
            total += Fn.LogSumExp(perUser.Select(l => l[u]).ToArray()) - Math.Log(draws.Count);
        return total / Math.Max(1, users.Sum(u => u.UserEventCount));
    }

    /// <summary>Per user of <paramref name="users"/>, the effective sample size (Σ w_k)²/Σ w_k² ∈ [1, K] of the K members'
    /// weights w_k ∝ e^{ℓ(h_u | θ_k)} given the user's whole history (the weights of "ad-plan" with history weighting,
    /// at the end of the history): K when the history does not tell the members apart, 1 when one member takes all
    /// the weight.</summary>
    public static double[] HistoryWeightEffectiveSampleSizes(IReadOnlyList<AdNetwork> members, IReadOnlyList<AdUserSequence> users)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(users);
        if (members.Count == 0) throw new ArgumentException("at least one member.", nameof(members));
        var batch = new AdBatchGradient(members[0].Layout);
        var perMember = members.Select(net => users.Select(u => batch.Evaluate(net, [u]).Total).ToArray()).ToArray();
        return Enumerable.Range(0, users.Count).Select(u => EffectiveSampleSize(perMember.Select(l => l[u]).ToArray())).ToArray();
    }

    /// <summary>(Σ w_k)²/Σ w_k² of the weights w_k ∝ e^{ℓ_k}: e^{2·lse(ℓ) − lse(2ℓ)}, computed in log space.</summary>
    public static double EffectiveSampleSize(double[] logLikelihoods)
    {
        ArgumentNullException.ThrowIfNull(logLikelihoods);
        if (logLikelihoods.Length == 0) throw new ArgumentException("at least one member.", nameof(logLikelihoods));
        if (logLikelihoods.Any(l => !double.IsFinite(l))) throw new ArgumentException("finite log-likelihoods.", nameof(logLikelihoods));
        return Math.Exp(2 * Fn.LogSumExp(logLikelihoods) - Fn.LogSumExp(logLikelihoods.Select(l => 2 * l).ToArray()));
    }

    /// <summary>Each candidate prior precision's held-out log predictive per event (<see cref="LogPredictivePerEvent"/> of
    /// its <see cref="Draw"/>s), in the order given; the caller keeps the best (our choice: the prior's scale is a
    /// hyperparameter of the approximation, chosen on the users early stopping already holds out, as a practitioner would).</summary>
    public static List<AdLaplaceCandidate> Tune(AdNetwork map, IReadOnlyList<double> hessianDiagonal, IReadOnlyList<AdUserSequence> heldOut,
        IReadOnlyList<double> priorPrecisions, int draws, int seed) =>
        priorPrecisions.Select(rho => new AdLaplaceCandidate(rho, LogPredictivePerEvent(Draw(map, Precision(hessianDiagonal, rho), draws, seed), heldOut))).ToList();
}
