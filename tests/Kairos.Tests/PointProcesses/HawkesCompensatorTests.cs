using Kairos.PointProcesses;
using MathNet.Numerics;
using static Kairos.Tests.PointProcesses.HawkesFixtures;

namespace Kairos.Tests.PointProcesses;

public sealed class HawkesCompensatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Residuals_TickFixture_MatchQuadratureBetweenConsecutiveEvents(bool shared)
    {
        // Given the tick two-node timestamps (with a tie added) and a kernel
        var kernel = shared ? SharedKernel() : MatrixKernel();
        var node1 = TickNode1.Append(4.25).ToArray();   // 4.25 is also an event of node 0: a tie across nodes
        var data = HawkesRealization.FromDimensions(new[] { TickNode0, node1 }, 5.65);
        var t = data.Times.ToArray();
        var m = data.Marks.ToArray();
        double Lambda(int i, double s)
        {
            double l = kernel.Baseline(i);
            for (int k = 0; k < t.Length && t[k] < s; k++)
                l += kernel.Adjacency(i, m[k]) * kernel.Decay(i, m[k]) * Math.Exp(-kernel.Decay(i, m[k]) * (s - t[k]));
            return l;
        }
        // When the residuals are computed
        var residuals = HawkesCompensator.Residuals(kernel, data);
        // Then each equals ∫ λ_i over the gap since the previous event of its dimension (Gauss–Legendre per gap)
        for (int i = 0; i < 2; i++)
        {
            var own = data.TimesOf(i);
            Assert.Equal(own.Length, residuals[i].Length);
            for (int k = 0; k < own.Length; k++)
            {
                double from = k == 0 ? 0 : own[k - 1];
                var cuts = new[] { from }.Concat(t.Where(s => s > from && s < own[k])).Append(own[k]).ToArray();
                double expected = 0;
                for (int c = 0; c + 1 < cuts.Length; c++) expected += Integrate.GaussLegendre(s => Lambda(i, s), cuts[c], cuts[c + 1], 64);
                Assert.True(Math.Abs(residuals[i][k] - expected) < 1e-12 * Math.Max(1, expected), $"node {i} event {k}: {residuals[i][k]:R} vs {expected:R}");
            }
        }
    }

    [Fact]
    public void Residuals_UnivariateOverload_EqualsRealizationOverload()
    {
        var times = Univariate(0.5, 0.6, 1.5, 200, 12);
        var p = new HawkesProcess(0.5, 0.6, 1.5);
        Assert.Equal(p.Compensators(HawkesRealization.Univariate(times, 200))[0], p.Compensators(times, 200));
        Assert.Equal(times.Length, p.Compensators(times, 200).Length);
    }
}
