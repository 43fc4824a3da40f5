using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

/// <summary>The diagonal Hessian from gradient differences against a closed form: logistic regression's negative
/// log-likelihood, whose Hessian is Σ_j σ_j(1 − σ_j) x_j x_jᵀ (with off-diagonal terms the diagonal must ignore).</summary>
public sealed class DiagonalHessianTests
{
    private static (double[][] X, double[] Y) Data()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 50).Select(_ => new[] { 1, 2 * rng.NextDouble() - 1, 3 * rng.NextDouble(), rng.NextDouble() - 2 }).ToArray();
        var y = x.Select(_ => rng.NextDouble() < 0.4 ? 1.0 : 0.0).ToArray();
        return (x, y);
    }

    private static void Gradient(double[][] x, double[] y, double[] w, double[] g)
    {
        Array.Clear(g);
        for (int j = 0; j < x.Length; j++)
        {
            double s = Fn.Logistic(x[j].Select((v, i) => v * w[i]).Sum()) - y[j];
            for (int i = 0; i < w.Length; i++) g[i] += s * x[j][i];
        }
    }

    [Fact]
    public void LogisticRegression_MatchesTheClosedFormDiagonal_AndRestoresThepoint()
    {
        var (x, y) = Data();
        var w = new[] { 0.3, -1.2, 0.8, 2.5 };
        var copy = (double[])w.Clone();
        var numeric = DiagonalHessian.ByGradientDifferences((v, g) => Gradient(x, y, v, g), w);
        Assert.Equal(copy, w);
        for (int i = 0; i < w.Length; i++)
        {
            double exact = x.Sum(r => { double p = Fn.Logistic(r.Select((v, k) => v * w[k]).Sum()); return p * (1 - p) * r[i] * r[i]; });
            Assert.True(Math.Abs(numeric[i] - exact) <= 1e-7 * exact, $"coordinate {i}: {numeric[i]:R} against {exact:R}");
        }
    }

    [Fact]
    public void NegativeCurvature_IsReportedAsIs()
    {
        // f = x0² − 3 x1² + x0 x1: diagonal (2, −6) whatever the point.
        var h = DiagonalHessian.ByGradientDifferences((v, g) => { g[0] = 2 * v[0] + v[1]; g[1] = -6 * v[1] + v[0]; }, [0.7, -40]);
        Assert.Equal(2, h[0], 9);
        Assert.Equal(-6, h[1], 9);
    }
}
