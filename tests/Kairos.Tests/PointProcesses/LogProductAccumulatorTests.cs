using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class LogProductAccumulatorTests
{
    [Fact]
    public void SumLog_ValuesFrom1eMinus300To1e300_MatchesSumOfLogs()
    {
        // Given 5,003 intensities spanning 600 decades (a plain running product would under/overflow at once)
        var rng = new Random(6);
        var a = Enumerable.Range(0, 5003).Select(_ => Math.Pow(10, rng.NextDouble() * 600 - 300)).ToArray();
        double expected = a.Sum(Math.Log);
        // When summed chunk by chunk with μ = 0, c = 1 (λ = a)
        var acc = LogProductAccumulator.Create();
        for (int s = 0; s < a.Length; s += 512) HawkesFastLikelihood.SumLog(a.AsSpan(s, Math.Min(512, a.Length - s)), 0, 1, ref acc);
        // Then the total matches to the rounding of the per-lane products
        Assert.True(Math.Abs(acc.Total - expected) < 1e-12 * a.Length * 700, $"{acc.Total:R} vs {expected:R}");
        Assert.True(Math.Abs(acc.Total - expected) < 1e-9 * Math.Abs(expected) + 1e-9);
    }

    [Fact]
    public void SumLogGrad_SubnormalAndZero_FallBackToExactScalarLogs()
    {
        var a = new double[] { 1, 2, 3, 4, 5e-320, 6, 7, 8, 9 };
        var acc = LogProductAccumulator.Create();
        var (s0, _, _) = HawkesFastLikelihood.SumLogGrad(a, a, 0, 1, ref acc);
        Assert.Equal(a.Sum(Math.Log), acc.Total, 9);
        Assert.Equal(a.Sum(x => 1 / x), s0, 6);
        var zero = LogProductAccumulator.Create();
        HawkesFastLikelihood.SumLog(new double[] { 1, 0, 2, 3, 4 }, 0, 1, ref zero);
        Assert.Equal(double.NegativeInfinity, zero.Total);
    }
}
