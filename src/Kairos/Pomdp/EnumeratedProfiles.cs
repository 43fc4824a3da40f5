using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// An explicit profile set: names, prior φ0(x) &gt; 0 summing to 1, and basis values f_l(x) ∈ (0,1]
/// (Assumption 1(a), R&amp;VR §4). ln Z is a log-sum-exp over the profiles, O(|S|·K) per evaluation (digest §8).
/// </summary>
public sealed class EnumeratedProfiles : IProfileDistribution
{
    private readonly string[] _names;
    private readonly double[] _prior, _logPrior, _logBasis;   // _logBasis[x*K + l] = ln f_l(x)

    /// <param name="names">Profile names, one per profile.</param>
    /// <param name="prior">φ0(x) &gt; 0, summing to 1 within 1e-9.</param>
    /// <param name="basis">basis[x][l] = f_l(x) ∈ (0,1]; every row has K entries.</param>
    public EnumeratedProfiles(IReadOnlyList<string> names, IReadOnlyList<double> prior, IReadOnlyList<IReadOnlyList<double>> basis)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(basis);
        int n = names.Count;
        if (n == 0) throw new ArgumentException("profiles: at least one profile is needed.", nameof(names));
        if (prior.Count != n || basis.Count != n)
            throw new ArgumentException($"profiles: {CountText.Of(n, "name")} but {CountText.Of(prior.Count, "prior")} and {CountText.Of(basis.Count, "basis row")}.", nameof(prior));
        BasisCount = basis[0].Count;
        if (BasisCount == 0) throw new ArgumentException("profiles[0].f: at least one basis function is needed.", nameof(basis));
        _names = names.ToArray();
        _prior = new double[n];
        _logPrior = new double[n];
        _logBasis = new double[n * BasisCount];
        double sum = 0;
        for (int x = 0; x < n; x++)
        {
            double p = prior[x];
            if (!(double.IsFinite(p) && p > 0))
                throw new ArgumentOutOfRangeException(nameof(prior), p, $"profiles[{x}].prior must be finite and > 0, got {Require.Fmt(p)}.");
            _prior[x] = p;
            _logPrior[x] = Math.Log(p);
            sum += p;
            if (basis[x].Count != BasisCount)
                throw new ArgumentException($"profiles[{x}].f has {CountText.Of(basis[x].Count, "entry", "entries")}, expected K = {BasisCount}.", nameof(basis));
            for (int l = 0; l < BasisCount; l++)
            {
                double f = basis[x][l];
                if (!(f > 0 && f <= 1))   // Assumption 1(a): f_l(x) ∈ (0, 1]
                    throw new ArgumentOutOfRangeException(nameof(basis), f,
                        $"profiles[{x}].f[{l}] must lie in (0, 1] (Assumption 1(a)), got {Require.Fmt(f)}.");
                _logBasis[x * BasisCount + l] = Math.Log(f);
            }
        }
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"profiles: priors must sum to 1, got {Require.Fmt(sum)}.", nameof(prior));
    }

    public int BasisCount { get; }
    public double ProfileCount => _names.Length;
    public int Count => _names.Length;
    public IReadOnlyList<string> Names => _names;
    public IReadOnlyList<double> Prior => _prior;
    public bool IsSeparable => false;

    /// <summary>f_l(x).</summary>
    public double Basis(int profile, int basis) => Math.Exp(_logBasis[profile * BasisCount + basis]);

    /// <summary>ln Z(γ) by a one-pass (streaming) log-sum-exp of ln φ0(x) + Σ_l γ_l ln f_l(x): Z underflows for
    /// large γ (digest §8). Thread-safe, allocation-free.</summary>
    public double LogPartition(ReadOnlySpan<double> gamma)
    {
        double max = double.NegativeInfinity, sum = 0;
        for (int x = 0; x < _names.Length; x++)
        {
            double v = _logPrior[x];
            int o = x * BasisCount;
            for (int l = 0; l < BasisCount; l++) v += gamma[l] * _logBasis[o + l];
            if (v > max) { sum = sum * Math.Exp(max - v) + 1; max = v; }
            else sum += Math.Exp(v - max);
        }
        return max + Math.Log(sum);
    }

    public double AxisLogPartition(int basis, double gamma) =>
        throw new NotSupportedException("An enumerated profile set has no separable partition function.");

    public void SampleLogBasis(Random rng, Span<double> logBasis)
    {
        double u = rng.NextDouble(), c = 0;
        int x = 0;
        for (; x < _prior.Length - 1; x++)
        {
            c += _prior[x];
            if (u < c) break;
        }
        for (int l = 0; l < BasisCount; l++) logBasis[l] = _logBasis[x * BasisCount + l];
    }

    public double LogBasisMin(int basis)
    {
        double m = 0;
        for (int x = 0; x < _names.Length; x++) m = Math.Min(m, _logBasis[x * BasisCount + basis]);
        return m;
    }

    public double LogBasisMax(int basis)
    {
        double m = double.NegativeInfinity;
        for (int x = 0; x < _names.Length; x++) m = Math.Max(m, _logBasis[x * BasisCount + basis]);
        return m;
    }

    public (double Min, double Max) NoPurchaseRange(ReadOnlySpan<double> zeta)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int x = 0; x < _names.Length; x++)
        {
            double s = 0;
            for (int l = 0; l < BasisCount; l++) s += zeta[l] * _logBasis[x * BasisCount + l];
            lo = Math.Min(lo, s);
            hi = Math.Max(hi, s);
        }
        return (Math.Exp(lo), Math.Exp(hi));
    }

    private const int PairwiseLimit = 2048;   // O(|S|²K) pair scans up to this many profiles

    /// <summary>Lemma 3 + mean value theorem: |H(γ+Δ) − H(γ)| ≤ sup over posteriors p of |Cov_p(A, B)| with
    /// A = q(x), B = Σ_l Δ_l ln f_l(x). Two valid bounds, the smaller is returned: Cauchy–Schwarz with Popoviciu,
    /// ¼ range(A)·range(B); and Cov_p = ½ Σ_{x,y} p_x p_y (A_x − A_y)(B_x − B_y) ≤ ½(1 − 1/|S|) max_{x,y} |ΔA·ΔB|
    /// (Σ_{x≠y} p_x p_y = 1 − Σ p_x² ≤ 1 − 1/|S|). range(B) is taken for this Δ, not Σ_l |Δ_l| range(ln f_l).</summary>
    public double NoPurchaseShiftBound(ReadOnlySpan<double> zeta, ReadOnlySpan<double> shift) =>
        CovarianceBound(zeta, shift, box: false);

    /// <summary>sup over Δ ∈ [0,h]^K: range(B) becomes h·max_{x,y} Σ_l (ln f_l(x) − ln f_l(y))^+ and
    /// |B_x − B_y| ≤ h Σ_l |ln f_l(x) − ln f_l(y)|.</summary>
    public double NoPurchaseBoxBound(ReadOnlySpan<double> zeta, double spacing)
    {
        Span<double> ones = BasisCount <= 64 ? stackalloc double[BasisCount] : new double[BasisCount];
        ones.Fill(spacing);
        return CovarianceBound(zeta, ones, box: true);
    }

    private double CovarianceBound(ReadOnlySpan<double> zeta, ReadOnlySpan<double> shift, bool box)
    {
        int n = _names.Length, k = BasisCount;
        var a = new double[n];
        var b = new double[n];
        for (int x = 0; x < n; x++)
        {
            double s = 0, t = 0;
            for (int l = 0; l < k; l++) { s += zeta[l] * _logBasis[x * k + l]; t += shift[l] * _logBasis[x * k + l]; }
            a[x] = Math.Exp(s);
            b[x] = t;
        }
        double rangeA = a.Max() - a.Min();
        if (rangeA == 0) return 0;
        if (n > PairwiseLimit)   // Popoviciu only; over the box, Σ_l h range(ln f_l) ≥ range(B)
        {
            double spread = 0;
            for (int l = 0; l < k; l++) spread += shift[l] * (LogBasisMax(l) - LogBasisMin(l));
            return 0.25 * rangeA * (box ? spread : b.Max() - b.Min());
        }
        double rangeB = 0, pair = 0;
        for (int x = 0; x < n; x++)
            for (int y = 0; y < n; y++)
            {
                double up = 0;   // box: sup_Δ (B_x − B_y) over [0,h]^K; fixed Δ: |B_x − B_y|
                if (box)
                    for (int l = 0; l < k; l++)
                    {
                        double d = shift[l] * (_logBasis[x * k + l] - _logBasis[y * k + l]);
                        up += Math.Max(0, d);
                    }
                else up = Math.Abs(b[x] - b[y]);
                rangeB = Math.Max(rangeB, up);
                pair = Math.Max(pair, Math.Abs(a[x] - a[y]) * up);   // ordered pairs cover both signs
            }
        return Math.Min(0.25 * rangeA * rangeB, 0.5 * (1 - 1.0 / n) * pair);
    }

    /// <summary>Assumption 1(b): the vectors ln f_l ∈ R^{|S|} are linearly independent (modified Gram–Schmidt
    /// with relative tolerance 1e-10). The algorithm does not need it (digest (3.1)); the CLI warns when it fails.</summary>
    public bool BasisIsLinearlyIndependent()
    {
        int n = _names.Length, k = BasisCount;
        if (k > n) return false;
        var q = new double[k][];
        for (int l = 0; l < k; l++)
        {
            var v = new double[n];
            for (int x = 0; x < n; x++) v[x] = _logBasis[x * k + l];
            double norm0 = Math.Sqrt(v.Sum(a => a * a));
            for (int j = 0; j < l; j++)
            {
                double dot = 0;
                for (int x = 0; x < n; x++) dot += q[j][x] * v[x];
                for (int x = 0; x < n; x++) v[x] -= dot * q[j][x];
            }
            double norm = Math.Sqrt(v.Sum(a => a * a));
            if (norm0 == 0 || norm <= 1e-10 * norm0) return false;
            for (int x = 0; x < n; x++) v[x] /= norm;
            q[l] = v;
        }
        return true;
    }

    public override string ToString() => $"EnumeratedProfiles(|S|={Count}, K={BasisCount})";
}
