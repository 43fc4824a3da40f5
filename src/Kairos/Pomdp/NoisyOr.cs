using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Builders for the noisy-OR targeted-advertising model (R&amp;VR §6; digest (7.1)): binary attributes x ∈ {0,1}^n,
/// base probabilities d_j ∈ (0,1) and product deviations ζ_{u,j} ≥ 0, with
/// q_u(x) = Π_j (1 − d_j)^{ζ_{u,j} x_j}, which is Assumption 1 with f_j(x) = (1 − d_j)^{x_j}, K = n.
/// Attributes may be grouped into fewer basis functions (attributes of one group share each product's ζ).
/// </summary>
public static class NoisyOr
{
    /// <summary>Prior = independent Bernoulli(π_j) attributes (Z factorizes, digest (7.3)).</summary>
    public static SequencingProblem Independent(IReadOnlyList<double> baseProbability, IReadOnlyList<double> marginal,
        IReadOnlyList<Product> products, double discount, IReadOnlyList<int>? group = null) =>
        new(new IndependentBinaryProfiles(baseProbability, marginal, group), products, discount);

    /// <summary>Prior = the empirical distribution of existing customers (digest (7.2)): <paramref name="counts"/>
    /// maps a profile (bit j = attribute j) to its count; profiles with count 0 are left out of S (φ0 &gt; 0).</summary>
    public static SequencingProblem FromCounts(IReadOnlyList<double> baseProbability,
        IReadOnlyList<(bool[] Profile, double Count)> counts, IReadOnlyList<Product> products, double discount,
        IReadOnlyList<int>? group = null) =>
        new(Profiles(baseProbability, counts, group), products, discount);

    /// <summary>The enumerated profile set of <see cref="FromCounts"/>, named by their bits ("0110").</summary>
    public static EnumeratedProfiles Profiles(IReadOnlyList<double> baseProbability,
        IReadOnlyList<(bool[] Profile, double Count)> counts, IReadOnlyList<int>? group = null)
    {
        ArgumentNullException.ThrowIfNull(baseProbability);
        ArgumentNullException.ThrowIfNull(counts);
        int n = baseProbability.Count;
        for (int j = 0; j < n; j++)
            if (!(baseProbability[j] > 0 && baseProbability[j] < 1))
                throw new ArgumentOutOfRangeException(nameof(baseProbability), baseProbability[j],
                    $"noisyOr.attributes[{j}].baseProbability must lie in (0, 1), got {Require.Fmt(baseProbability[j])}.");
        int k = group is null ? n : group.Max() + 1;
        var kept = new List<(bool[] X, double C)>();
        for (int r = 0; r < counts.Count; r++)
        {
            var (x, c) = counts[r];
            if (x.Length != n) throw new ArgumentException($"profile counts row {r + 1}: {CountText.Of(x.Length, "attribute")}, expected {n}.", nameof(counts));
            if (!(double.IsFinite(c) && c >= 0)) throw new ArgumentOutOfRangeException(nameof(counts), c, $"profile counts row {r + 1}: count must be finite and >= 0, got {Require.Fmt(c)}.");
            if (c > 0) kept.Add((x, c));
        }
        if (kept.Count == 0) throw new ArgumentException("profile counts: every count is 0.", nameof(counts));
        double total = kept.Sum(r => r.C);
        var basis = kept.Select(r =>
        {
            var f = new double[k];
            Array.Fill(f, 1.0);
            for (int j = 0; j < n; j++) if (r.X[j]) f[group?[j] ?? j] *= 1 - baseProbability[j];
            return (IReadOnlyList<double>)f;
        }).ToList();
        return new EnumeratedProfiles(kept.Select(r => string.Concat(r.X.Select(b => b ? '1' : '0'))).ToList(),
            kept.Select(r => r.C / total).ToList(), basis);
    }

    /// <summary>q_u(x) = Π_j (1 − d_j)^{ζ_{u,j} x_j} straight from the noisy-OR definition (for checks).</summary>
    public static double NoPurchase(IReadOnlyList<double> baseProbability, IReadOnlyList<double> zeta, IReadOnlyList<bool> profile)
    {
        double q = 1;
        for (int j = 0; j < baseProbability.Count; j++) if (profile[j]) q *= Math.Pow(1 - baseProbability[j], zeta[j]);
        return q;
    }
}
