using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Issue 9 regression: a tie after a long gap, with μ far below the excitation. The fast kernel used to
/// compute a tied event's excitation as (A + 1) − 1, which loses A ≈ e^{−40} entirely; the O(n²) oracle adds each
/// term separately.</summary>
public sealed class HawkesTieAfterLongGapTests
{
    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"{what}: {actual:R} vs oracle {expected:R}");

    [Fact]
    public void LogLikelihood_IssueCase_MatchesNaiveSum()
    {
        double[] times = [0, 40, 40];
        const double mu = 1e-300, alpha = 0.6, beta = 1, horizon = 41;
        double oracle = HawkesNaiveLikelihood.LogLikelihood(times, horizon, mu, alpha, beta);
        Assert.Equal(-773.16, oracle, 2);   // the value quoted in the issue
        Close(oracle, HawkesFastLikelihood.LogLikelihood(times, horizon, mu, alpha, beta), "fast");
        Close(oracle, HawkesFastLikelihood.LogLikelihood(times, horizon, mu, alpha, beta, new double[3]), "fast with gradient");
        Close(oracle, new HawkesFixedDecayLikelihood(times, horizon, beta).LogLikelihood(mu, alpha), "fixed decay");
    }

    /// <summary>Runs of ties after long gaps, one straddling the 512-event chunk boundary, in long and short
    /// histories (the kernel's recursion is split in halves from 16 events on).</summary>
    [Theory]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(1200)]
    public void LogLikelihoodAndGradient_TiesAfterLongGaps_MatchOracleAndExactRecursion(int n)
    {
        var rng = new Random(n);
        var times = new double[n];
        double t = 0;
        for (int k = 0; k < n; k++)
        {
            bool tie = k > 0 && (rng.NextDouble() < 0.4 || k is 511 or 512 or 513);
            if (!tie) t += rng.NextDouble() < 0.3 ? 30 + 10 * rng.NextDouble() : rng.NextDouble();
            times[k] = t;
        }
        double horizon = t + 1;
        const double mu = 1e-200, alpha = 0.7, beta = 1.3;
        double oracle = HawkesNaiveLikelihood.LogLikelihood(times, horizon, mu, alpha, beta);
        var gFast = new double[3];
        var gExact = new double[3];
        Close(oracle, HawkesFastLikelihood.LogLikelihood(times, horizon, mu, alpha, beta), "fast");
        Close(oracle, HawkesFastLikelihood.LogLikelihood(times, horizon, mu, alpha, beta, gFast), "fast with gradient");
        HawkesLikelihood.LogLikelihood(HawkesExpKernel.Univariate(mu, alpha, beta), HawkesRealization.Univariate(times, horizon), gExact);
        for (int j = 0; j < 3; j++)
            Assert.True(Math.Abs(gFast[j] - gExact[j]) <= 1e-12 * Math.Abs(gExact[j]), $"gradient {j}: {gFast[j]:R} vs {gExact[j]:R}");
    }
}
