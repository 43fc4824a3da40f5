using Kairos.Decisions;
using Kairos.Pomdp;

namespace Kairos.Policies.Sequencing;

/// <summary>
/// The grid policy μ^h of R&amp;VR §5.4 as a choice policy: after m offers it offers μ^h_{n−m}(γ), looked up at
/// h⌊γ/h⌋ (digest (6.5)), for the n offers the solve planned; it declines after them (their tail is worth at most
/// β^n R_max ≤ ε). Deterministic: every decision has probability 1. Build it with <see cref="Solve"/> (the same
/// horizon n(ε) and spacing rule as <c>kairos pomdp solve --method grid</c>) or from a <see cref="GridPolicyTable"/>.
/// </summary>
public sealed class GridSequencingPolicy(GridPolicyTable table, string? name = null)
    : SequencingPolicy(table.Problem, KindName, name, table.Horizon, table.Spacing)
{
    public const string KindName = "sequencing-grid";

    public GridPolicyTable Table { get; } = table;

    /// <summary>Solves the grid DP to tolerance ε (spacing chosen as <see cref="PomdpSolver.Solve"/> does unless given).</summary>
    public static GridSequencingPolicy Solve(SequencingProblem problem, double epsilon, double? spacing = null, string? name = null) =>
        new(PomdpSolver.SolveGridPolicy(problem, epsilon, spacing), name);

    internal override Decision Choose(SequencingState state, ref DecisionRandom random) =>
        state.Offers < Table.Horizon ? Decision.Act(Table.Action(state.Offers, state.Gamma), 1) : Decision.None(1);
}
