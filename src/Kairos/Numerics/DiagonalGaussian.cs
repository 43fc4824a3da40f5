namespace Kairos.Numerics;

/// <summary>
/// N(μ, diag(1/p)): independent normal coordinates with means μ_i and precisions p_i > 0. A draw is
/// μ_i + z_i/√p_i with z_i standard normal (Box–Muller, both of each pair used, in coordinate order).
/// </summary>
public sealed class DiagonalGaussian
{
    public DiagonalGaussian(double[] mean, double[] precision)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(precision);
        if (mean.Length != precision.Length) throw new ArgumentException($"{CountText.Of(mean.Length, "mean")} but {CountText.Of(precision.Length, "precision")}.", nameof(precision));
        if (precision.Any(p => !(p > 0) || !double.IsFinite(p))) throw new ArgumentException("every precision must be finite and > 0.", nameof(precision));
        if (mean.Any(m => !double.IsFinite(m))) throw new ArgumentException("every mean must be finite.", nameof(mean));
        Mean = (double[])mean.Clone();
        Precision = (double[])precision.Clone();
    }

    public double[] Mean { get; }
    public double[] Precision { get; }
    public int Dimension => Mean.Length;

    /// <summary>The standard deviation of coordinate i, 1/√p_i.</summary>
    public double StandardDeviation(int i) => 1 / Math.Sqrt(Precision[i]);

    public double[] Sample(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var x = new double[Dimension];
        for (int i = 0; i < x.Length; i += 2)
        {
            double u = 1 - rng.NextDouble(), v = rng.NextDouble(), r = Math.Sqrt(-2 * Math.Log(u));
            x[i] = Mean[i] + r * Math.Cos(2 * Math.PI * v) * StandardDeviation(i);
            if (i + 1 < x.Length) x[i + 1] = Mean[i + 1] + r * Math.Sin(2 * Math.PI * v) * StandardDeviation(i + 1);
        }
        return x;
    }
}
