using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Noisy-OR profiles X ∈ {0,1}^n with independent attributes X_j ~ Bernoulli(π_j) (R&amp;VR §6; digest §7.1, §7.3).
/// Attribute j has base purchase probability d_j and belongs to basis group g_j, so
/// f_l(x) = Π_{j: g_j = l} (1 − d_j)^{x_j}. With one attribute per group, K = n (the paper's model); grouping
/// attributes that share a product response lets 2^20 profiles depend on K = 3 basis functions.
/// The partition function factorizes: ln Z(γ) = Σ_j ln(1 − π_j + π_j a_j^{γ_{g_j}}) with a_j = 1 − d_j,
/// O(n) per evaluation instead of O(2^n) (digest (7.3)).
/// </summary>
public sealed class IndependentBinaryProfiles : IProfileDistribution
{
    private readonly double[] _marginal, _logA;   // π_j, ln(1 − d_j)
    private readonly int[] _group;

    /// <param name="baseProbability">d_j ∈ (0,1): probability that attribute j alone triggers a purchase.</param>
    /// <param name="marginal">π_j ∈ (0,1): share of customers with attribute j (φ0 &gt; 0 needs 0 &lt; π_j &lt; 1).</param>
    /// <param name="group">g_j ∈ [0, K): basis function of attribute j; null means g_j = j (K = n). Every group
    /// must be non-empty, which keeps the ln f_l linearly independent (Assumption 1(b)).</param>
    public IndependentBinaryProfiles(IReadOnlyList<double> baseProbability, IReadOnlyList<double> marginal, IReadOnlyList<int>? group = null)
    {
        ArgumentNullException.ThrowIfNull(baseProbability);
        ArgumentNullException.ThrowIfNull(marginal);
        int n = baseProbability.Count;
        if (n == 0) throw new ArgumentException("noisyOr.attributes: at least one attribute is needed.", nameof(baseProbability));
        if (marginal.Count != n) throw new ArgumentException($"noisyOr: {n} base probabilities but {CountText.Of(marginal.Count, "marginal")}.", nameof(marginal));
        if (group is not null && group.Count != n) throw new ArgumentException($"noisyOr: {CountText.Of(n, "attribute")} but {group.Count} group indices.", nameof(group));
        _marginal = new double[n];
        _logA = new double[n];
        _group = new int[n];
        for (int j = 0; j < n; j++)
        {
            double d = baseProbability[j], p = marginal[j];
            if (!(d > 0 && d < 1))
                throw new ArgumentOutOfRangeException(nameof(baseProbability), d, $"noisyOr.attributes[{j}].baseProbability must lie in (0, 1), got {Require.Fmt(d)}.");
            if (!(p > 0 && p < 1))
                throw new ArgumentOutOfRangeException(nameof(marginal), p, $"noisyOr.attributes[{j}].marginal must lie in (0, 1), got {Require.Fmt(p)}.");
            _marginal[j] = p;
            _logA[j] = Fn.Log1p(-d);
            _group[j] = group?[j] ?? j;
        }
        BasisCount = _group.Max() + 1;
        for (int l = 0; l < BasisCount; l++)
            if (_group.Min() < 0 || !_group.Contains(l))
                throw new ArgumentException($"noisyOr: basis group {l} has no attribute (groups must be 0..K-1, each non-empty).", nameof(group));
    }

    public int BasisCount { get; }
    public int AttributeCount => _marginal.Length;
    public double ProfileCount => Math.Pow(2, _marginal.Length);
    public bool IsSeparable => true;

    public double LogPartition(ReadOnlySpan<double> gamma)
    {
        double s = 0;
        for (int j = 0; j < _marginal.Length; j++) s += Term(j, gamma[_group[j]]);
        return s;
    }

    public double AxisLogPartition(int basis, double gamma)
    {
        double s = 0;
        for (int j = 0; j < _marginal.Length; j++) if (_group[j] == basis) s += Term(j, gamma);
        return s;
    }

    // ln(1 − π + π a^γ) = log1p(π · expm1(γ ln a)): exact near γ = 0 where the term vanishes.
    private double Term(int j, double gamma) => Fn.Log1p(_marginal[j] * Fn.Expm1(gamma * _logA[j]));

    public void SampleLogBasis(Random rng, Span<double> logBasis)
    {
        logBasis[..BasisCount].Clear();
        for (int j = 0; j < _marginal.Length; j++)
            if (rng.NextDouble() < _marginal[j]) logBasis[_group[j]] += _logA[j];
    }

    public double LogBasisMin(int basis)
    {
        double s = 0;
        for (int j = 0; j < _marginal.Length; j++) if (_group[j] == basis) s += _logA[j];
        return s;
    }

    public double LogBasisMax(int basis) => 0;   // the all-zeros profile has f ≡ 1

    // Groups are disjoint and every attribute combination has positive prior mass, so the extremes of
    // Σ_l ζ_l ln f_l(x) are attained coordinate-wise.
    public (double Min, double Max) NoPurchaseRange(ReadOnlySpan<double> zeta)
    {
        double lo = 0;
        for (int l = 0; l < BasisCount; l++) lo += zeta[l] * LogBasisMin(l);
        return (Math.Exp(lo), 1);
    }

    /// <summary>Exact gradient for independent attributes: the posterior g(·,γ) keeps them independent with
    /// π_j(γ) = π_j a_j^γ/(1 − π_j + π_j a_j^γ), decreasing in γ, so Cov_γ(q, x_j) = E[q^{(−j)}] π_j(γ)(1 − π_j(γ))
    /// (a_j^ζ − 1) and ∇H·Δ = Σ_j Δ_{g_j} ln a_j Cov_γ(q, x_j); with E[q^{(−j)}] ≤ 1 and π(1 − π) ≤ ρ_j
    /// (ρ_j = π_j(1 − π_j) when π_j ≤ ½, else ¼) this gives Σ_j |Δ_{g_j}| |ln a_j| ρ_j (1 − a_j^{ζ_{g_j}}).
    /// The generic ¼ range(q)·range(Σ Δ ln f) = ¼(1 − Π_j a_j^{ζ_{g_j}}) Σ_j |Δ_{g_j} ln a_j| is also valid;
    /// the smaller is returned.</summary>
    public double NoPurchaseShiftBound(ReadOnlySpan<double> zeta, ReadOnlySpan<double> shift)
    {
        double exact = 0, spread = 0, logQMin = 0;
        for (int j = 0; j < _marginal.Length; j++)
        {
            double z = zeta[_group[j]], d = Math.Abs(shift[_group[j]] * _logA[j]);
            double rho = _marginal[j] <= 0.5 ? _marginal[j] * (1 - _marginal[j]) : 0.25;
            exact += d * rho * -Fn.Expm1(z * _logA[j]);
            spread += d;
            logQMin += z * _logA[j];
        }
        return Math.Min(exact, 0.25 * -Fn.Expm1(logQMin) * spread);
    }

    /// <summary>Both bounds grow with every |Δ_l|, so the sup over [0,h]^K is at Δ = h·1.</summary>
    public double NoPurchaseBoxBound(ReadOnlySpan<double> zeta, double spacing)
    {
        Span<double> shift = BasisCount <= 64 ? stackalloc double[BasisCount] : new double[BasisCount];
        shift.Fill(spacing);
        return NoPurchaseShiftBound(zeta, shift);
    }

    public override string ToString() => $"IndependentBinaryProfiles(n={AttributeCount}, |S|=2^{AttributeCount}, K={BasisCount})";
}
