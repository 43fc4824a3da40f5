using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// The sequencing POMDP of Rusmevichientong &amp; Van Roy (UAI 2001): a customer of unknown profile X ~ φ0 is shown
/// one product per period until the first purchase; buying u pays R_u, and period t is discounted by β^{t−1}
/// (digest (1.3)). Responses satisfy Assumption 1, so the posterior after rejections is g(·, γ) with
/// γ = Σ ζ_{rejected} and everything a solver needs is H_u(γ) = Z(γ + ζ_u)/Z(γ) (digest (4.1)).
/// </summary>
public sealed class SequencingProblem
{
    private readonly Product[] _products;
    private readonly double[] _zetaMax;

    /// <param name="profiles">Prior and basis functions.</param>
    /// <param name="products">At least one product, each with K = profiles.BasisCount entries in ζ.</param>
    /// <param name="discount">β ∈ (0,1).</param>
    public SequencingProblem(IProfileDistribution profiles, IReadOnlyList<Product> products, double discount)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(products);
        if (products.Count == 0) throw new ArgumentException("products: at least one product is needed.", nameof(products));
        if (!(discount > 0 && discount < 1))
            throw new ArgumentOutOfRangeException(nameof(discount), discount, $"discount must lie in (0, 1), got {Require.Fmt(discount)}.");
        Profiles = profiles;
        Discount = discount;
        _products = products.ToArray();
        _zetaMax = new double[K];
        for (int u = 0; u < _products.Length; u++)
        {
            if (_products[u].Zeta.Count != K)
                throw new ArgumentException($"products[{u}].zeta has {CountText.Of(_products[u].Zeta.Count, "entry", "entries")}, expected K = {K}.", nameof(products));
            for (int l = 0; l < K; l++) _zetaMax[l] = Math.Max(_zetaMax[l], _products[u].Zeta[l]);
        }
        RewardMax = _products.Max(p => p.Reward);
    }

    public IProfileDistribution Profiles { get; }
    public IReadOnlyList<Product> Products => _products;
    public int ProductCount => _products.Length;
    /// <summary>K, the dimension of the reduced state γ.</summary>
    public int K => Profiles.BasisCount;
    /// <summary>β.</summary>
    public double Discount { get; }
    /// <summary>R_max = max_u R_u.</summary>
    public double RewardMax { get; }
    /// <summary>ζ*_l = max_u ζ_{u,l}: one step raises γ_l by at most this (digest (4.5)).</summary>
    public IReadOnlyList<double> ZetaMax => _zetaMax;

    /// <summary>n(ε) = ⌈ln(R_max/ε)/ln(1/β)⌉ (at least 1), so that β^n R_max ≤ ε and ‖J* − J_n‖ ≤ ε
    /// (digest (4.4), Lemma 1).</summary>
    public int Horizon(double epsilon)
    {
        Require.Positive(epsilon, nameof(epsilon));
        if (RewardMax <= epsilon) return 1;
        double n = Math.Ceiling(Math.Log(RewardMax / epsilon) / -Math.Log(Discount) - 1e-12);
        return n > 100_000 ? throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
            $"epsilon = {Require.Fmt(epsilon)} needs a horizon of {CountText.Of(n, "R", "period")} with discount {Require.Fmt(Discount)}; use a larger epsilon.")
            : Math.Max(1, (int)n);
    }

    /// <summary>Lemma 1's tail β^n R_max: the most value a policy can lose by stopping after n offers.</summary>
    public double TailBound(int horizon) => Math.Pow(Discount, horizon) * RewardMax;

    /// <summary>ln Z(γ).</summary>
    public double LogPartition(ReadOnlySpan<double> gamma) => Profiles.LogPartition(gamma);

    /// <summary>H_u(γ) = P(no purchase of u | posterior g(·,γ)) = exp(ln Z(γ+ζ_u) − ln Z(γ)), clamped to [0,1]
    /// (digest (4.1), §8).</summary>
    public double NoPurchase(int product, ReadOnlySpan<double> gamma) => NoPurchase(product, gamma, LogPartition(gamma));

    /// <summary><see cref="NoPurchase(int, ReadOnlySpan{double})"/> given <paramref name="logPartition"/> = ln Z(γ),
    /// for callers that evaluate every product at one γ.</summary>
    public double NoPurchase(int product, ReadOnlySpan<double> gamma, double logPartition)
    {
        Span<double> next = K <= 64 ? stackalloc double[K] : new double[K];
        for (int l = 0; l < K; l++) next[l] = gamma[l] + _products[product].Zeta[l];
        return Math.Clamp(Math.Exp(LogPartition(next) - logPartition), 0, 1);
    }

    /// <summary>γ after rejections with the given counts: γ = Σ_u n_u ζ_u, summed afresh (no drift).</summary>
    public double[] GammaOfCounts(ReadOnlySpan<int> counts)
    {
        var g = new double[K];
        for (int u = 0; u < _products.Length; u++)
            if (counts[u] != 0)
                for (int l = 0; l < K; l++) g[l] += counts[u] * _products[u].Zeta[l];
        return g;
    }

    public override string ToString() =>
        $"SequencingProblem(|S|={Profiles.ProfileCount}, K={K}, |U|={ProductCount}, β={Require.Fmt(Discount)})";
}
