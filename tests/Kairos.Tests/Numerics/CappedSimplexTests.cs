using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

/// <summary>The projection meets the KKT conditions (one λ: free coordinates y_i − x_i = λ, those at 0 have
/// y_i ≤ λ, those at the cap y_i − cap ≥ λ) and no feasible point of a dense random sample is closer; "clip, then
/// rescale" fails the same checks.</summary>
public sealed class CappedSimplexTests
{
    private static void AssertKkt(double[] y, double[] x, double total, double cap)
    {
        Assert.Equal(total, x.Sum(), 1e-9);
        Assert.All(x, v => Assert.InRange(v, 0, cap));
        var free = Enumerable.Range(0, y.Length).Where(i => x[i] > 1e-12 && x[i] < cap - 1e-12).ToList();
        double lambda = free.Count > 0 ? y[free[0]] - x[free[0]] : double.NaN;
        foreach (int i in free) Assert.Equal(lambda, y[i] - x[i], 1e-9);
        if (double.IsNaN(lambda)) return;
        for (int i = 0; i < y.Length; i++)
        {
            if (x[i] <= 1e-12) Assert.True(y[i] <= lambda + 1e-9);
            if (x[i] >= cap - 1e-12) Assert.True(y[i] - cap >= lambda - 1e-9);
        }
    }

    [Fact]
    public void Projection_MeetsKkt_OnRandomInputs()
    {
        var rng = new Random(1);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 1 + rng.Next(12);
            var y = Enumerable.Range(0, n).Select(_ => 4 * rng.NextDouble() - 1).ToArray();
            double cap = 0.2 + rng.NextDouble(), total = rng.NextDouble() * n * cap;
            AssertKkt(y, CappedSimplex.Project(y, total, cap), total, cap);
        }
    }

    [Fact]
    public void NoFeasiblePointIsCloser_ThanTheProjection()
    {
        var rng = new Random(2);
        for (int trial = 0; trial < 20; trial++)
        {
            var y = Enumerable.Range(0, 3).Select(_ => 3 * rng.NextDouble() - 1).ToArray();
            double cap = 0.8, total = 1.2;
            var x = CappedSimplex.Project(y, total, cap);
            double best = Dist(x, y);
            for (int k = 0; k < 20_000; k++)
            {
                double a = rng.NextDouble() * cap, b = rng.NextDouble() * cap, c = total - a - b;
                if (c < 0 || c > cap) continue;
                Assert.True(Dist([a, b, c], y) >= best - 1e-12);
            }
        }
    }

    [Fact]
    public void ClipThenRescale_FailsTheKktCheck()
    {
        double[] y = [2.0, 0.5, -0.3];
        var clipped = y.Select(v => Math.Clamp(v, 0, 1)).ToArray();
        var rescaled = clipped.Select(v => v * 1.0 / clipped.Sum()).ToArray();
        Assert.ThrowsAny<Exception>(() => AssertKkt(y, rescaled, 1.0, 1.0));
        AssertKkt(y, CappedSimplex.Project(y, 1.0, 1.0), 1.0, 1.0);
    }

    private static double Dist(double[] a, double[] b) => a.Select((v, i) => (v - b[i]) * (v - b[i])).Sum();
}
