namespace Kairos.Pomdp;

/// <summary>
/// The grid policy μ^h = (μ^h_n, …, μ^h_1) of a grid solve (digest (6.5)) as a lookup table, with the solve's
/// <see cref="Solution"/>: after m offers (n − m to go), μ at γ is the action stored at the grid point h⌊γ/h⌋, clamped
/// to level m's box. γ itself advances by the exact ζ_u; it is rounded down only to look μ up. Defined for
/// m &lt; <see cref="Horizon"/> offers: the solve planned no further. Holds 2 bytes per grid point.
/// </summary>
public sealed class GridPolicyTable
{
    private readonly SequencingProblem _problem;
    private readonly GridSolver.Layout _layout;
    private readonly ushort[][] _actions;

    internal GridPolicyTable(SequencingProblem problem, GridSolver.Layout layout, ushort[][] actions, double approxValue, bool lattice)
    {
        (_problem, _layout, _actions) = (problem, layout, actions);
        var sequence = GreedyPath();
        Solution = new GridSolution(approxValue, SequenceValue.Of(problem, sequence), sequence, Horizon, layout.Spacing, lattice,
            layout.Size(Horizon - 1), (long)layout.TotalPoints);
    }

    public GridSolution Solution { get; }
    public SequencingProblem Problem => _problem;
    /// <summary>n, the number of offers the policy plans.</summary>
    public int Horizon => _actions.Length;
    /// <summary>h.</summary>
    public double Spacing => _layout.Spacing;

    /// <summary>μ^h_{n−m}(γ): the product to offer after <paramref name="offersMade"/> = m offers at belief statistic γ ≥ 0.</summary>
    public int Action(int offersMade, ReadOnlySpan<double> gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offersMade);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offersMade, Horizon);
        if (gamma.Length != _problem.K)
            throw new ArgumentException($"γ has {CountText.Of(gamma.Length, "entry", "entries")}, expected K = {_problem.K}.", nameof(gamma));
        long flat = 0;
        for (int l = 0; l < _problem.K; l++)
        {
            long i = Math.Min((long)Math.Floor(gamma[l] / _layout.Spacing + GridSolver.FloorTolerance), _layout.Extent(offersMade, l) - 1);
            flat += i * _layout.Stride(offersMade, l);
        }
        return _actions[offersMade][flat];
    }

    // Follow μ^h from γ = 0 with exact γ (digest (6.5)): one open-loop sequence.
    private int[] GreedyPath()
    {
        var gamma = new double[_problem.K];
        var sequence = new int[Horizon];
        for (int m = 0; m < Horizon; m++)
        {
            int u = Action(m, gamma);
            sequence[m] = u;
            for (int l = 0; l < _problem.K; l++) gamma[l] += _problem.Products[u].Zeta[l];
        }
        return sequence;
    }
}
