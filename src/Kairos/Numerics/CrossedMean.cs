namespace Kairos.Numerics;

/// <summary>
/// The mean of a crossed table x[r][c] (rows and columns both random samples: e.g. logs × held-out users, every log's
/// policy evaluated on the same users) and two 95% intervals for it that, unlike an interval over the columns alone,
/// count the rows as random too:
/// <list type="bullet">
/// <item><see cref="StudentTInterval"/> of the R row means: a Student-t interval (R − 1 degrees of freedom). Conditional on
/// the columns: what another set of rows would give on these same columns.</item>
/// <item><see cref="PigeonholeVariance"/>: the exact variance of the pigeonhole bootstrap (rows and columns resampled
/// independently with replacement; Owen 2007), in closed form: with the two-way decomposition
/// x_rc = μ + a_r + b_c + e_rc (effects summing to zero), Var* = v_a/R + v_b/C + v_e/(RC), each v the mean square of its
/// effects (divisor R, C and RC). It counts both sources, slightly conservatively (Owen), and
/// <see cref="Pigeonhole"/> makes a normal interval of it.</item>
/// </list>
/// </summary>
public static class CrossedMean
{
    /// <summary>The grand mean and the pigeonhole bootstrap variance of the mean of <paramref name="x"/> (rows × columns,
    /// all rows of one length; at least one row and one column).</summary>
    public static (double Mean, double Variance) PigeonholeVariance(IReadOnlyList<IReadOnlyList<double>> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.Count;
        if (rows == 0) throw new ArgumentException("at least one row.", nameof(x));
        int cols = x[0].Count;
        if (cols == 0) throw new ArgumentException("at least one column.", nameof(x));
        if (x.Any(r => r.Count != cols)) throw new ArgumentException("every row needs the same number of columns.", nameof(x));
        var rowMean = x.Select(r => r.Average()).ToArray();
        var colMean = new double[cols];
        for (int c = 0; c < cols; c++)
        {
            double s = 0;
            for (int r = 0; r < rows; r++) s += x[r][c];
            colMean[c] = s / rows;
        }
        double mu = rowMean.Average();
        double va = rowMean.Sum(m => (m - mu) * (m - mu)) / rows;
        double vb = colMean.Sum(m => (m - mu) * (m - mu)) / cols;
        double ve = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double e = x[r][c] - rowMean[r] - colMean[c] + mu;
                ve += e * e;
            }
        ve /= (double)rows * cols;
        return (mu, va / rows + vb / cols + ve / ((double)rows * cols));
    }

    /// <summary>The grand mean with a normal 95% interval from <see cref="PigeonholeVariance"/>: mean ± 1.96·√Var*.</summary>
    public static (double Mean, double StandardError, double Lower, double Upper) Pigeonhole(IReadOnlyList<IReadOnlyList<double>> x)
    {
        var (mean, variance) = PigeonholeVariance(x);
        double se = Math.Sqrt(variance);
        return (mean, se, mean - 1.96 * se, mean + 1.96 * se);
    }

    /// <summary>The mean of <paramref name="values"/> with its Student-t interval at <paramref name="level"/>:
    /// mean ± t_{(1+level)/2, n−1}·s/√n (s the sample standard deviation). Needs n ≥ 2.</summary>
    public static (double Mean, double Lower, double Upper) StudentTInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n < 2) throw new ArgumentException("at least two values.", nameof(values));
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "a level in (0, 1).");
        double m = values.Average();
        double s = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (n - 1));
        double half = StudentTQuantile((1 + level) / 2, n - 1) * s / Math.Sqrt(n);
        return (m, m - half, m + half);
    }

    /// <summary>The p-quantile of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double StudentTQuantile(double p, int degreesOfFreedom) =>
        MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, p);
}
