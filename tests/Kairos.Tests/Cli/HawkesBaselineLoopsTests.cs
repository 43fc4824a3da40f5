using Kairos.Cli.Bench;
using Kairos.PointProcesses;

namespace Kairos.Tests.Cli;

/// <summary>The bench baselines compute what the kernels they are compared with compute (same work, same answer).</summary>
public sealed class HawkesBaselineLoopsTests
{
    [Fact]
    public void CachedSumsLoop_EqualsFixedDecayKernel_ValueAndGradient()
    {
        var times = HawkesSimulator.Thinning(HawkesExpKernel.Univariate(0.5, 0.6, 1.5), 800, new Random(5)).Times.ToArray();
        var (a, compensator) = HawkesBaselineLoops.CachedSums(times, 800, 1.5);
        var kernel = new HawkesFixedDecayLikelihood(times, 800, 1.5);
        double expected = kernel.LogLikelihood(0.4, 0.7);
        Assert.Equal(expected, HawkesBaselineLoops.CachedSumsLoop(a, compensator, 800, 0.4, 0.7, 1.5), 1e-9 * Math.Abs(expected));
        var g = new double[2];
        var gKernel = new double[2];
        kernel.LogLikelihood(0.4, 0.7, gKernel);
        HawkesBaselineLoops.CachedSumsLoop(a, compensator, 800, 0.4, 0.7, 1.5, g);
        for (int j = 0; j < 2; j++) Assert.Equal(gKernel[j], g[j], 1e-9 * Math.Abs(gKernel[j]));
    }
}
