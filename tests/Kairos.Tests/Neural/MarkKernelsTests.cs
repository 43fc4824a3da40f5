using Kairos.Neural;

namespace Kairos.Tests.Neural;

/// <summary>The SIMD mark-head kernels against direct scalar formulas, for A below, at and off multiples of 4.</summary>
public class MarkKernelsTests
{
    private static double[] Uniform(Random rng, int n, double scale) =>
        Enumerable.Range(0, n).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(50)]
    public void LogitsAndSoftmax_MatchScalarFormulas(int a)
    {
        var rng = new Random(a);
        const int h = 5;
        var vyT = Uniform(rng, h * a, 3);
        var state = Uniform(rng, h, 1);
        var logits = new double[a];
        var p = new double[a];

        MarkKernels.Logits(vyT, a, state, logits);
        var (lse, s2, entropy) = MarkKernels.Softmax(logits, p);

        var expected = Enumerable.Range(0, a).Select(m => Enumerable.Range(0, h).Sum(j => state[j] * vyT[j * a + m])).ToArray();
        for (int m = 0; m < a; m++) Assert.Equal(expected[m], logits[m], 1e-13);
        double max = expected.Max(), sum = expected.Sum(l => Math.Exp(l - max));
        Assert.Equal(max + Math.Log(sum), lse, 1e-13);
        var q = expected.Select(l => Math.Exp(l - max) / sum).ToArray();
        for (int m = 0; m < a; m++) Assert.Equal(q[m], p[m], 1e-15);
        Assert.Equal(q.Sum(x => x * x), s2, 1e-14);
        Assert.Equal(-q.Sum(x => x * Math.Log(x)), entropy, 1e-13);
    }

    [Theory]
    [InlineData(3, -1)]
    [InlineData(9, 4)]
    [InlineData(50, 49)]
    public void Backward_MatchesScalarFormulas(int a, int y)
    {
        // Given random logits (with their log-sum-exp), weights, and a stride-padded V_yᵀ
        var rng = new Random(100 + a);
        const int h = 3;
        int stride = MarkKernels.Stride(a);
        var logits = new double[stride];
        Uniform(rng, a, 2).CopyTo(logits, 0);
        double max = logits.Take(a).Max(), lse = max + Math.Log(logits.Take(a).Sum(l => Math.Exp(l - max)));
        var p = logits.Take(a).Select(l => Math.Exp(l - lse)).ToArray();
        double s2 = p.Sum(x => x * x), entropy = -p.Sum(x => x * Math.Log(x));
        var vyT = new double[h * stride];
        for (int j = 0; j < h; j++) Uniform(rng, a, 1).CopyTo(vyT, j * stride);
        var state = Uniform(rng, h, 1);
        double quad = 0.3, ownW = 0.7, entW = -0.2, alpha = 1.9;
        var gradient = new double[h * stride];
        var dl = new double[stride];
        var dh = new double[h];

        MarkKernels.Backward(logits, a, lse, quad, s2, ownW, entW, entropy, y, alpha, state, vyT, gradient, dl, dh);

        // Then dℓ_m = quad·p_m(p_m − ‖p‖²) − ownW·p_m − entW·p_m(log p_m + H) + α·[m = y] (digest §2.3)
        var d = Enumerable.Range(0, a).Select(m =>
            quad * p[m] * (p[m] - s2) - ownW * p[m] - entW * p[m] * (Math.Log(p[m]) + entropy) + (m == y ? alpha : 0)).ToArray();
        for (int j = 0; j < h; j++)
        {
            for (int m = 0; m < a; m++) Assert.Equal(state[j] * d[m], gradient[j * stride + m], 1e-14);
            for (int m = a; m < stride; m++) Assert.Equal(0.0, gradient[j * stride + m]);
            Assert.Equal(Enumerable.Range(0, a).Sum(m => vyT[j * stride + m] * d[m]), dh[j], 1e-13);
        }
    }
}
