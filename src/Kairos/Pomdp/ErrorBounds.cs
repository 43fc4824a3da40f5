using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// A-priori error bounds of the grid method (R&amp;VR Lemmas 1–3, Corollary 1, Theorems 1–2, Corollary 2), with
/// constants re-derived per product and per shift (docs/pomdp.md, "Bounds"); the digest's single constants
/// (§5.3–§6.9) are the special case q̄_u = 1, c_u = R_max, M_u(Δ) ≤ M_A‖Δ‖_∞:
/// <list type="bullet">
/// <item>M_u(Δ) ≥ sup_γ |H_u(γ+Δ) − H_u(γ)| (Lemmas 2–3 along the shift Δ, <see cref="IProfileDistribution.NoPurchaseShiftBound"/>);</item>
/// <item>q̄_u = max_x q_u(x) ≥ H_u, c_u = max(R_u, βR_max − R_u) ≥ |R_u − βJ|;</item>
/// <item>Λ(Δ) = max_u M_u(Δ) c_u/(1 − βq̄_u) ≥ sup_{γ,t} |J_t(γ+Δ) − J_t(γ)| (Corollary 1: the recursion
/// Λ ≤ max_u M_u c_u + βq̄_u Λ keeps the shift Δ);</item>
/// <item>grid points: E_t = max_u βq̄_u (Λ(δ_u) + E_{t−1}), E_1 = 0, with δ_u = ζ_u − h⌊ζ_u/h⌋ the lattice residue
/// (0 when h divides ζ_u, so a lattice-exact grid gets 0);</item>
/// <item>greedy loss from γ = 0: G_t = min(R_max, 2(Λ_h + E_t)) + κ G_{t−1}, κ = β max_u q̄_u, Λ_h = sup_{Δ∈[0,h]^K} Λ(Δ).</item>
/// </list>
/// </summary>
public sealed class ErrorBounds
{
    private readonly double[] _qMax, _weight;   // q̄_u and c_u/(1 − βq̄_u)

    public ErrorBounds(SequencingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        int count = problem.ProductCount;
        _qMax = new double[count];
        _weight = new double[count];
        double beta = problem.Discount, qSpread = 0;
        for (int u = 0; u < count; u++)
        {
            var (lo, hi) = problem.Profiles.NoPurchaseRange(problem.Products[u].Zeta.ToArray());
            qSpread = Math.Max(qSpread, hi - lo);
            _qMax[u] = Math.Min(1, hi);
            double reward = problem.Products[u].Reward;
            _weight[u] = Math.Max(reward, beta * problem.RewardMax - reward) / (1 - beta * _qMax[u]);
        }
        Contraction = beta * _qMax.Max();
        double basisSpread = 0;
        for (int l = 0; l < problem.K; l++) basisSpread += problem.Profiles.LogBasisMax(l) - problem.Profiles.LogBasisMin(l);
        DigestLipschitz = 0.5 * qSpread * 0.5 * basisSpread;
        Lipschitz = Enumerable.Range(0, count).Max(u => problem.Profiles.NoPurchaseBoxBound(problem.Products[u].Zeta.ToArray(), 1));
        ValueLipschitz = ValueBox(1);
    }

    public SequencingProblem Problem { get; }

    /// <summary>The digest's M_A = max_u ½ range_x q_u · ½ Σ_l range_x ln f_l (§5.3): a bound on sup ‖∇H_u‖_1.</summary>
    public double DigestLipschitz { get; }

    /// <summary>M = max_u sup_{γ, Δ∈[0,1]^K} |H_u(γ+Δ) − H_u(γ)|: Lemma 2 for the rounding-down shifts the grid makes
    /// (≤ <see cref="DigestLipschitz"/>).</summary>
    public double Lipschitz { get; }

    /// <summary>κ = β max_u q̄_u ≤ β: the contraction factor of T with H_u ≤ q̄_u.</summary>
    public double Contraction { get; }

    /// <summary>L = Λ for shifts in [0,1]^K: the Lipschitz constant of every J_t (Corollary 1).</summary>
    public double ValueLipschitz { get; }

    /// <summary>Λ(Δ) ≥ sup_{γ,t} |J_t(γ+Δ) − J_t(γ)| (Corollary 1 along the shift Δ).</summary>
    public double ValueShift(ReadOnlySpan<double> shift)
    {
        double best = 0;
        for (int u = 0; u < _weight.Length; u++)
            best = Math.Max(best, Problem.Profiles.NoPurchaseShiftBound(Problem.Products[u].Zeta.ToArray(), shift) * _weight[u]);
        return best;
    }

    /// <summary>Λ_h = sup over shifts in [0,h]^K of Λ (linear in h).</summary>
    public double ValueBox(double spacing) => Enumerable.Range(0, _weight.Length)
        .Max(u => Problem.Profiles.NoPurchaseBoxBound(Problem.Products[u].Zeta.ToArray(), spacing) * _weight[u]);

    /// <summary>Theorem 1 (a priori, every γ and t): ‖J_t − J̃_t‖ ≤ Λ_h + E_∞ = Λ_h/(1 − κ), the worst case of
    /// the residues δ_u ∈ [0,h]^K. Digest form: M R_max h/(1−β)².</summary>
    public double ApproximationError(double spacing) => ValueBox(spacing) / (1 - Contraction);

    /// <summary>Theorem 1 at the grid points (γ = 0 among them) for this h and horizon, with the actual residues
    /// δ_u: E_n of the recursion E_t = max_u βq̄_u (Λ(δ_u) + E_{t−1}), E_1 = 0 (J_0 = J̃_0 = 0).</summary>
    public double GridPointError(double spacing, int horizon) => GridPointErrors(spacing, horizon)[horizon];

    /// <summary>Theorem 2 (a priori, worst-case residues): J_t − J^μ_t ≤ 2Λ_h/(1 − κ)². Digest form 2 M R_max h/(1−β)³.</summary>
    public double GreedyLoss(double spacing) => 2 * ValueBox(spacing) / ((1 - Contraction) * (1 - Contraction));

    /// <summary>Theorem 2 for this h and horizon: J_n(0) − J^μ_n(0) ≤ G_n with G_t = min(R_max, 2(Λ_h + E_t)) + κG_{t−1}
    /// (per-step loss of the greedy choice ≤ 2 max_u |Q_u(J_{t−1})(γ) − Q̃_u(γ^h)|, and no step can lose more than
    /// R_max since 0 ≤ Q_u ≤ R_max), capped at R_max.</summary>
    public double GreedyLoss(double spacing, int horizon)
    {
        var e = GridPointErrors(spacing, horizon);
        double box = ValueBox(spacing), g = 0;
        for (int t = 1; t <= horizon; t++) g = Math.Min(Problem.RewardMax, 2 * (box + e[t])) + Contraction * g;
        return Math.Min(Problem.RewardMax, g);
    }

    /// <summary>Corollary 2: J*(0) − J^μ_n(0) ≤ β^n R_max + G_n; the grid term is 0 when h is lattice-exact, since
    /// then J̃ = J on every reachable point and the greedy policy is optimal for J_n (digest (6.4)).</summary>
    public double OptimalityGap(int horizon, double spacing, bool latticeExact) =>
        Problem.TailBound(horizon) + (latticeExact ? 0 : GreedyLoss(spacing, horizon));

    /// <summary>The h at which the a-priori Theorem 2 term equals ε, so Corollary 2 gives 2ε: h = ε/G(1) because
    /// every term is linear in h (digest (6.9): ε(1−β)³/(2 M R_max)); +∞ when the bound is 0 (M = 0).</summary>
    public double RigorousSpacing(double epsilon)
    {
        Require.Positive(epsilon, nameof(epsilon));
        double perUnit = GreedyLoss(1.0);
        return perUnit <= 0 ? double.PositiveInfinity : epsilon / perUnit;
    }

    private double[] GridPointErrors(double spacing, int horizon)
    {
        Require.Positive(spacing, nameof(spacing));
        int count = _weight.Length, k = Problem.K;
        var residueShift = new double[count];   // Λ(δ_u)
        for (int u = 0; u < count; u++)
        {
            var delta = new double[k];
            for (int l = 0; l < k; l++)
            {
                double z = Problem.Products[u].Zeta[l], r = z / spacing;
                delta[l] = Math.Abs(r - Math.Round(r)) <= GridSolver.FloorTolerance * Math.Max(1, r) ? 0 : z - spacing * Math.Floor(r);
            }
            residueShift[u] = delta.All(d => d == 0) ? 0 : ValueShift(delta);
        }
        var e = new double[horizon + 1];
        for (int t = 2; t <= horizon; t++)
            for (int u = 0; u < count; u++)
                e[t] = Math.Max(e[t], Problem.Discount * _qMax[u] * (residueShift[u] + e[t - 1]));
        return e;
    }
}
