namespace Kairos.Pomdp;

/// <summary>Result of an exact finite-horizon solve: J_n(0) at the prior, the optimal open-loop sequence of length
/// n, and the number of belief states (rejection-count vectors) the DP visited.</summary>
public sealed record ExactSolution(double Value, IReadOnlyList<int> Sequence, int Horizon, long States);
