namespace Kairos.Pomdp;

/// <summary>Result of the grid DP (digest (6.2)–(6.5)).</summary>
/// <param name="ApproxValue">J̃_n(0), the grid approximation at the prior (may overshoot J* for coarse h).</param>
/// <param name="GreedyValue">J^μ_n(0): the exact value of the greedy sequence, a certified lower bound on J*(0).</param>
/// <param name="Sequence">The greedy policy from γ = 0 (open loop: one sequence), length n.</param>
/// <param name="Spacing">h.</param>
/// <param name="LatticeExact">True when h divides every ζ_{u,l}: then J̃_n(0) = J_n(0) exactly (digest (6.4)).</param>
/// <param name="GridPoints">Points of the largest grid (the domain of J̃_1).</param>
/// <param name="TotalPoints">Points summed over all n levels of the minimal domain.</param>
public sealed record GridSolution(double ApproxValue, double GreedyValue, IReadOnlyList<int> Sequence, int Horizon,
    double Spacing, bool LatticeExact, long GridPoints, long TotalPoints);
