using Kairos.PointProcesses;

namespace Kairos.Decisions;

/// <summary>
/// A stochastic choice state that off-policy evaluation can replay along a logged history: at an opportunity it gives
/// the probability of every decision and then records the logged decision as if it had taken it (what
/// <see cref="IPolicyState.Decide"/> would have recorded, random draws included). Deterministic policies need not
/// implement it: their <see cref="IPolicyState.Decide"/> has probability 1.
/// </summary>
public interface IReplayableChoiceState
{
    /// <param name="opportunity">The logged opportunity.</param>
    /// <param name="feedback">The feedback vector after it.</param>
    /// <param name="probabilities">Filled with the probability of "none" (index 0) and of each mark k (index k + 1).</param>
    /// <param name="decision">The logged decision: a mark, or <see cref="Decision.NoAction"/>. When it acts, the caller
    /// then reports the action through <see cref="IPolicyState.Observe"/>, as after Decide.</param>
    void Replay(in Event opportunity, ReadOnlySpan<double> feedback, Span<double> probabilities, int decision);
}
