namespace Kairos.Pomdp;

/// <summary>What <see cref="PomdpSolver"/> reports.</summary>
/// <param name="Value">Exact value of the returned sequence over n(ε) periods: a certified lower bound on J*(0).</param>
/// <param name="ApproxValue">J̃_n(0) for the grid method (= Value for exact).</param>
/// <param name="Bound">A-priori bound on J*(0) − Value (Corollary 2; β^n R_max when the solve is exact).</param>
/// <param name="Spacing">Grid spacing h (null for the exact method).</param>
/// <param name="GridPoints">Largest grid (grid method) or belief states visited (exact method).</param>
/// <param name="RigorousSpacing">The h at which Corollary 2 guarantees 2ε (printed, not used; digest (6.10)).</param>
/// <param name="Refinements">Grid solves done by the automatic spacing search.</param>
public sealed record PomdpSolution(PomdpMethod Method, double Value, double ApproxValue, IReadOnlyList<int> Sequence,
    int Horizon, double Bound, double? Spacing, bool LatticeExact, long GridPoints, double Lipschitz,
    double RigorousSpacing, int Refinements);
