using System.Globalization;

namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>FSRS memory state of one card: stability S (days until R falls to 0.9) and difficulty D ∈ [1, 10].</summary>
public readonly record struct FsrsMemoryState(double Stability, double Difficulty)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"(S={Stability:G6}, D={Difficulty:G6})");
}
