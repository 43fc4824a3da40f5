using System.Globalization;
using System.Text;
using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Parameters of a D-dimensional Hawkes process with exponential kernels (immutable):
/// λ_i(t) = μ_i + Σ_j Σ_{t_k^j &lt; t} α_ij β_ij e^{−β_ij (t − t_k^j)}.
/// <list type="bullet">
/// <item>μ_i ≥ 0 (<see cref="Baseline"/>, events per time unit): immigrant rate of dimension i.</item>
/// <item>α_ij ≥ 0 (<see cref="Adjacency"/>, dimensionless): branching ratio, the mean number of direct children in
/// dimension i of one event in dimension j; the kernel integrates to α_ij (the convention of <c>tick</c>'s
/// <c>HawkesKernelExp</c> and of the CLI family <c>hawkes</c>: mu, alpha, beta).</item>
/// <item>β_ij &gt; 0 (<see cref="Decay"/>, per time unit): one shared decay or a full matrix.</item>
/// </list>
/// The process is stationary when the spectral radius of α is below 1. Flat layout: <see cref="HawkesLayout"/>.
/// </summary>
public sealed class HawkesExpKernel
{
    private readonly double[] _mu, _alpha, _beta;

    /// <summary>Kernel with one decay shared by every pair.</summary>
    public HawkesExpKernel(double[] baseline, double[,] adjacency, double decay)
        : this(baseline, adjacency, new[] { decay }, sharedDecay: true) { }

    /// <summary>Kernel with a full D×D decay matrix (β[i, j] for the effect of j on i).</summary>
    public HawkesExpKernel(double[] baseline, double[,] adjacency, double[,] decays)
        : this(baseline, adjacency, Flatten(decays, nameof(decays), baseline?.Length ?? 0), sharedDecay: false) { }

    private HawkesExpKernel(double[] baseline, double[,] adjacency, double[] beta, bool sharedDecay)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(adjacency);
        int d = baseline.Length;
        if (d == 0) throw new ArgumentOutOfRangeException(nameof(baseline), "baseline must have at least one dimension.");
        Layout = new HawkesLayout(d, sharedDecay);
        _mu = new double[d];
        for (int i = 0; i < d; i++) _mu[i] = Require.NonNegative(baseline[i], $"baseline[{i}] (mu)");
        _alpha = Flatten(adjacency, nameof(adjacency), d);
        for (int k = 0; k < _alpha.Length; k++)
            Require.NonNegative(_alpha[k], $"adjacency[{k / d},{k % d}] (alpha)");
        _beta = (double[])beta.Clone();
        for (int k = 0; k < _beta.Length; k++)
            Require.Positive(_beta[k], sharedDecay ? "decay (beta)" : $"decays[{k / d},{k % d}] (beta)");
    }

    /// <summary>One-dimensional kernel λ(t) = μ + Σ_{t_i&lt;t} α β e^{−β(t − t_i)}.</summary>
    public static HawkesExpKernel Univariate(double mu, double alpha, double beta) =>
        new(new[] { mu }, new[,] { { alpha } }, beta);

    /// <summary>Rebuilds a kernel from its flat vector (layout [μ; α row-major; β]).</summary>
    public static HawkesExpKernel FromFlat(HawkesLayout layout, ReadOnlySpan<double> flat)
    {
        if (flat.Length != layout.Count)
            throw new ArgumentException($"flat parameter vector must have {CountText.Of(layout.Count, "entry", "entries")}, got {flat.Length}.", nameof(flat));
        int d = layout.Dimension;
        var mu = flat[..d].ToArray();
        var alpha = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) alpha[i, j] = flat[layout.Adjacency(i, j)];
        if (layout.SharedDecay) return new HawkesExpKernel(mu, alpha, flat[layout.Decay(0, 0)]);
        var beta = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) beta[i, j] = flat[layout.Decay(i, j)];
        return new HawkesExpKernel(mu, alpha, beta);
    }

    public HawkesLayout Layout { get; }
    public int Dimension => Layout.Dimension;
    public bool SharedDecay => Layout.SharedDecay;

    /// <summary>μ_i (events per time unit).</summary>
    public double Baseline(int i) => _mu[i];

    /// <summary>α_ij, effect of dimension j on dimension i (branching ratio).</summary>
    public double Adjacency(int i, int j) => _alpha[i * Dimension + j];

    /// <summary>β_ij (per time unit); the shared value when <see cref="SharedDecay"/>.</summary>
    public double Decay(int i, int j) => SharedDecay ? _beta[0] : _beta[i * Dimension + j];

    /// <summary>The flat vector [μ; α row-major; β] (a copy).</summary>
    public double[] ToFlat()
    {
        var flat = new double[Layout.Count];
        _mu.CopyTo(flat, 0);
        _alpha.CopyTo(flat, Dimension);
        _beta.CopyTo(flat, Dimension + _alpha.Length);
        return flat;
    }

    /// <summary>Spectral radius ρ(α); the process is stationary iff ρ &lt; 1 (the mean cluster size is 1/(1−ρ) in 1-D).</summary>
    public double SpectralRadius()
    {
        if (Dimension == 1) return _alpha[0];
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(Dimension, Dimension, (i, j) => Adjacency(i, j));
        return m.Evd().EigenValues.Max(z => z.Magnitude);
    }

    public bool IsStationary => SpectralRadius() < 1;

    /// <summary>Kernel value φ_ij(s) = α_ij β_ij e^{−β_ij s} for s &gt; 0, 0 otherwise.</summary>
    public double KernelValue(int i, int j, double s) =>
        s <= 0 ? 0 : Adjacency(i, j) * Decay(i, j) * Math.Exp(-Decay(i, j) * s);

    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        if (Dimension == 1) return string.Create(ci, $"Hawkes(μ={_mu[0]:R}, α={_alpha[0]:R}, β={_beta[0]:R})");
        var sb = new StringBuilder("Hawkes(D=").Append(Dimension.ToString(ci)).Append(", μ=[");
        sb.AppendJoin(", ", _mu.Select(v => v.ToString("R", ci))).Append("], α=[");
        sb.AppendJoin(", ", _alpha.Select(v => v.ToString("R", ci))).Append("], β=");
        if (SharedDecay) sb.Append(_beta[0].ToString("R", ci));
        else sb.Append('[').AppendJoin(", ", _beta.Select(v => v.ToString("R", ci))).Append(']');
        return sb.Append(')').ToString();
    }

    private static double[] Flatten(double[,] m, string name, int d)
    {
        ArgumentNullException.ThrowIfNull(m, name);
        if (m.GetLength(0) != d || m.GetLength(1) != d)
            throw new ArgumentException(
                $"{name} must be {d}x{d} to match the baseline, got {m.GetLength(0)}x{m.GetLength(1)}.", name);
        var flat = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) flat[i * d + j] = m[i, j];
        return flat;
    }
}
