using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// A-priori error bounds of the grid method (R&amp;VR Lemmas 1–3, Theorems 1–2, Corollary 2), with the constants of the
/// digest's reconstruction (§5.3–§6.9; the paper's own constants did not survive):
/// M = max_u ½ range_x q_u · ½ Σ_l range_x ln f_l (Popoviciu on Cov(q_u, ln f_l), Lemma 3),
/// L = M R_max/(1−β) (Corollary 1), ‖J_t − J̃_t‖ ≤ M R_max h/(1−β)² (Theorem 1),
/// 0 ≤ J_t − J^μ_t ≤ 2 M R_max h/(1−β)³ (Theorem 2), ‖J* − J^μ_n‖ ≤ ε + 2 M R_max h/(1−β)³ (Corollary 2).
/// </summary>
public sealed class ErrorBounds
{
    public ErrorBounds(SequencingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        double basisSpread = 0;
        for (int l = 0; l < problem.K; l++) basisSpread += problem.Profiles.LogBasisMax(l) - problem.Profiles.LogBasisMin(l);
        double qSpread = problem.Products.Max(p =>
        {
            var (lo, hi) = problem.Profiles.NoPurchaseRange(p.Zeta.ToArray());
            return hi - lo;
        });
        Lipschitz = 0.5 * qSpread * 0.5 * basisSpread;
    }

    public SequencingProblem Problem { get; }
    /// <summary>M: sup_γ Σ_l |∂H_u/∂γ_l| ≤ M for every u (Lemma 2/3).</summary>
    public double Lipschitz { get; }
    private double Beta => Problem.Discount;
    private double Rmax => Problem.RewardMax;

    /// <summary>L = M R_max/(1−β), the Lipschitz constant of every J_t (Corollary 1).</summary>
    public double ValueLipschitz => Lipschitz * Rmax / (1 - Beta);

    /// <summary>Theorem 1: ‖J_t − J̃_t‖ ≤ M R_max h/(1−β)².</summary>
    public double ApproximationError(double spacing) => Lipschitz * Rmax * spacing / ((1 - Beta) * (1 - Beta));

    /// <summary>Theorem 2: 0 ≤ J_t − J^μ_t ≤ 2 M R_max h/(1−β)³.</summary>
    public double GreedyLoss(double spacing) => 2 * ApproximationError(spacing) / (1 - Beta);

    /// <summary>Corollary 2: ‖J* − J^μ_n‖ ≤ β^n R_max + 2 M R_max h/(1−β)³ (≤ ε + … for n = n(ε)); the grid term is 0
    /// when h is lattice-exact, since then J̃ = J on every reachable point (digest (6.4)).</summary>
    public double OptimalityGap(int horizon, double spacing, bool latticeExact) =>
        Problem.TailBound(horizon) + (latticeExact ? 0 : GreedyLoss(spacing));

    /// <summary>The h that makes Corollary 2 give 2ε: h = ε(1−β)³/(2 M R_max) (digest (6.9)); +∞ when M = 0.</summary>
    public double RigorousSpacing(double epsilon)
    {
        Require.Positive(epsilon, nameof(epsilon));
        return Lipschitz * Rmax <= 0 ? double.PositiveInfinity : epsilon * Math.Pow(1 - Beta, 3) / (2 * Lipschitz * Rmax);
    }
}
