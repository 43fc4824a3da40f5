using System.Globalization;

namespace Kairos.PointProcesses;

/// <summary>
/// Offsets of the flat parameter (and gradient) vector of a D-dimensional exponential-kernel Hawkes process:
/// <c>[μ_0..μ_{D−1}; α row-major (α[i][j] at D + i·D + j); β]</c>, where β is one shared decay (one slot) or a
/// full D×D matrix, row-major (D² slots). α[i][j] is the effect of dimension j on dimension i, as in
/// <c>tick</c>'s <c>ModelHawkesExpKernLogLik</c> (coeffs = [baseline; adjacency]); the decay slots come last.
/// </summary>
public readonly record struct HawkesLayout
{
    public HawkesLayout(int dimension, bool sharedDecay)
    {
        Dimension = Numerics.Require.Positive(dimension, nameof(dimension));
        SharedDecay = sharedDecay;
    }

    /// <summary>D, the number of dimensions (marks).</summary>
    public int Dimension { get; }

    /// <summary>True when one decay β is shared by every pair (i, j).</summary>
    public bool SharedDecay { get; }

    /// <summary>Total number of parameters: D + D² + (1 or D²).</summary>
    public int Count => Dimension + Dimension * Dimension + DecayCount;

    /// <summary>Number of decay slots: 1 when shared, else D².</summary>
    public int DecayCount => SharedDecay ? 1 : Dimension * Dimension;

    /// <summary>Offset of μ_d.</summary>
    public int Baseline(int d) => d;

    /// <summary>Offset of α[i][j] (effect of j on i).</summary>
    public int Adjacency(int i, int j) => Dimension + i * Dimension + j;

    /// <summary>Offset of β[i][j] (the shared slot when <see cref="SharedDecay"/>).</summary>
    public int Decay(int i, int j) => Dimension + Dimension * Dimension + (SharedDecay ? 0 : i * Dimension + j);

    /// <summary>Human-readable name of slot <paramref name="index"/>: "mu", "alpha", "beta" in one dimension
    /// (the CLI's `hawkes` family), otherwise "mu[0]", "alpha[0,1]", "beta" or "beta[1,0]".</summary>
    public string Name(int index)
    {
        int d = Dimension, dd = d * d;
        if (index < 0 || index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {Count - 1}], got {index}.");
        if (d == 1) return index switch { 0 => "mu", 1 => "alpha", _ => "beta" };
        if (index < d) return string.Create(CultureInfo.InvariantCulture, $"mu[{index}]");
        if (index < d + dd) return string.Create(CultureInfo.InvariantCulture, $"alpha[{(index - d) / d},{(index - d) % d}]");
        if (SharedDecay) return "beta";
        int k = index - d - dd;
        return string.Create(CultureInfo.InvariantCulture, $"beta[{k / d},{k % d}]");
    }
}
