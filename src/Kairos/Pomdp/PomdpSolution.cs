namespace Kairos.Pomdp;

/// <summary>What <see cref="PomdpSolver"/> reports.</summary>
/// <param name="Value">Exact value of the returned sequence over n(ε) periods: a certified lower bound on J*(0).</param>
/// <param name="ApproxValue">J̃_n(0) for the grid method (= Value for exact).</param>
/// <param name="Bound">Certified bound on J*(0) − Value: the smallest of Corollary 2 (a priori), the interval-DP
/// upper bound minus Value, and R_max − Value; β^n R_max when the solve is exact (exact DP or lattice-exact h).</param>
/// <param name="Spacing">Grid spacing h (null for the exact method).</param>
/// <param name="GridPoints">Largest grid (grid method) or belief states visited (exact method).</param>
/// <param name="RigorousSpacing">The h at which Corollary 2 guarantees 2ε (printed, not used; digest (6.10));
/// +∞ when the bound vanishes (M = 0 or R_max = 0).</param>
/// <param name="Refinements">Grid solves done by the automatic spacing search.</param>
/// <param name="AprioriBound">Corollary 2 alone: β^n R_max + G_n (docs/pomdp.md, "Bounds").</param>
/// <param name="UpperBound">Certified upper bound on J*(0) from <see cref="UpperBoundDp"/> plus β^n R_max, when computed.</param>
public sealed record PomdpSolution(PomdpMethod Method, double Value, double ApproxValue, IReadOnlyList<int> Sequence,
    int Horizon, double Bound, double? Spacing, bool LatticeExact, long GridPoints, double Lipschitz,
    double RigorousSpacing, int Refinements, double AprioriBound, double? UpperBound);
