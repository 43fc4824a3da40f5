namespace Kairos.Pomdp;

/// <summary>
/// The profile side of an Assumption-1 sequencing problem (R&amp;VR §4): a prior φ0 over a finite profile set S and K
/// basis functions f_l: S → (0,1], seen only through the log-partition function
/// ln Z(γ) = ln Σ_x φ0(x) Π_l f_l(x)^{γ_l} (digest (3.3)), so a solver never enumerates S unless it has to.
/// </summary>
public interface IProfileDistribution
{
    /// <summary>K, the number of basis functions.</summary>
    int BasisCount { get; }

    /// <summary>|S| (a double: 2^n profiles need not fit an int).</summary>
    double ProfileCount { get; }

    /// <summary>ln Z(γ) for γ ∈ R_+^K; ln Z(0) = 0.</summary>
    double LogPartition(ReadOnlySpan<double> gamma);

    /// <summary>True when ln Z(γ) = Σ_l <see cref="AxisLogPartition"/>(l, γ_l) (independent attribute groups,
    /// digest §7.3): then a grid solver tabulates K one-dimensional functions instead of K-dimensional ones.</summary>
    bool IsSeparable { get; }

    /// <summary>The l-th term of a separable ln Z; throws <see cref="NotSupportedException"/> otherwise.</summary>
    double AxisLogPartition(int basis, double gamma);

    /// <summary>Draws X ~ φ0 and writes ln f_l(X), l = 1..K, into <paramref name="logBasis"/>.</summary>
    void SampleLogBasis(Random rng, Span<double> logBasis);

    /// <summary>min_x ln f_l(x) (≤ 0).</summary>
    double LogBasisMin(int basis);

    /// <summary>max_x ln f_l(x) (≤ 0).</summary>
    double LogBasisMax(int basis);

    /// <summary>min_x and max_x of q(x) = Π_l f_l(x)^{ζ_l} for ζ ≥ 0 (used for the Lipschitz constant M).</summary>
    (double Min, double Max) NoPurchaseRange(ReadOnlySpan<double> zeta);

    /// <summary>A bound on sup_{γ ≥ 0} |H(γ + Δ) − H(γ)| for the product with parameters ζ and the fixed shift Δ
    /// (any signs), where H(γ) = Z(γ + ζ)/Z(γ). By the mean value theorem and Lemma 3 (∇H·Δ = Cov_γ(q, Σ_l Δ_l ln f_l))
    /// it bounds a covariance under every posterior; implementations give their tightest valid constant.</summary>
    double NoPurchaseShiftBound(ReadOnlySpan<double> zeta, ReadOnlySpan<double> shift);

    /// <summary>sup over shifts Δ ∈ [0, h]^K of <see cref="NoPurchaseShiftBound"/>: the rounding-down displacement
    /// γ − γ^h of the grid (digest (6.1)).</summary>
    double NoPurchaseBoxBound(ReadOnlySpan<double> zeta, double spacing);
}
