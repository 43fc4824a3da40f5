using Kairos.Cli.Bench;
using Kairos.PointProcesses;
using MathNet.Numerics;
using static Kairos.Tests.PointProcesses.HawkesFixtures;

namespace Kairos.Tests.PointProcesses;

public sealed class HawkesLikelihoodTests
{
    // K1/K2 (ecosystem.md §1.1, §5): tick lib/cpp-test/hawkes/model/hawkes_models_gtest.cpp,
    // compute_loss_loglikelihood(_sparse); plain logL = −(loss·N + D·T).
    [Fact]
    public void LogLikelihood_TickTwoNodeFixture_MatchesPublishedValue()
    {
        var data = HawkesRealization.FromDimensions(new[] { TickNode0, TickNode1 }, 4.25);
        const double expected = -40.87796070437092;
        Assert.True(RelativeError(HawkesLikelihood.LogLikelihood(TickKernel(), data), expected) < 1e-13);
        Assert.True(RelativeError(HawkesNaiveLikelihood.LogLikelihood(TickKernel(), data), expected) < 1e-13);
        const double tickLoss = 2.9434509731246283;   // loss = (−logL − D·T)/N
        Assert.True(RelativeError((-HawkesLikelihood.LogLikelihood(TickKernel(), data) - 2 * 4.25) / 11, tickLoss) < 1e-13);
    }

    [Fact]
    public void LogLikelihood_TickFixtureWithEmptyNode_MatchesPublishedValue()
    {
        var data = HawkesRealization.FromDimensions(new[] { TickNode0, Array.Empty<double>() }, 4.25);
        Assert.True(RelativeError(HawkesLikelihood.LogLikelihood(TickKernel(), data), -38.12155983125893) < 1e-13);
        Assert.True(RelativeError((-HawkesNaiveLikelihood.LogLikelihood(TickKernel(), data) - 8.5) / 5, 5.9243119662517856) < 1e-13);
    }

    // K5: canerturkmen/hawkeslib hawkeslib/tests/test_uv_exp.py, kernel α θ e^{−θt} (same convention as ours).
    [Fact]
    public void LogLikelihood_HawkeslibUnivariateFixture_MatchesPublishedValue()
    {
        double[] t = { 3, 4, 6, 8.2, 9, 12 };
        const double expected = -66.54322018860304;
        var p = new HawkesProcess(5, 0.2, 10);
        Assert.True(RelativeError(p.LogLikelihood(t, 15), expected) < 1e-13);
        Assert.True(RelativeError(p.LogLikelihood(HawkesRealization.Univariate(t, 15)), expected) < 1e-13);
        Assert.True(RelativeError(HawkesBaselineLoops.TextbookRecursive(t, 15, 5, 0.2, 10), expected) < 1e-13);
        Assert.True(RelativeError(new HawkesFixedDecayLikelihood(t, 15, 10).LogLikelihood(5, 0.2), expected) < 1e-13);
    }

    [Fact]
    public void LogLikelihood_EmptyHistory_IsMinusMuT()
    {
        var p = new HawkesProcess(5, 0.2, 10);
        Assert.Equal(-10.0, p.LogLikelihood(ReadOnlySpan<double>.Empty, 2), 14);   // hawkeslib: μ = 5, T = 2 → −10
        Assert.Equal(-10.0, p.LogLikelihood(HawkesRealization.Univariate(ReadOnlySpan<double>.Empty, 2)), 14);
        var g = new double[3];
        HawkesFastLikelihood.LogLikelihood(ReadOnlySpan<double>.Empty, 2, 5, 0.2, 10, g);
        Assert.Equal(new[] { -2.0, 0, 0 }, g);
    }

    public static TheoryData<string> Kernels => new() { "univariate", "shared", "matrix" };

    private static (HawkesExpKernel, HawkesRealization) Simulated(string name, double horizon, int seed)
    {
        var kernel = name switch
        {
            "univariate" => HawkesExpKernel.Univariate(0.5, 0.6, 1.5),
            "shared" => SharedKernel(),
            _ => MatrixKernel(),
        };
        return (kernel, HawkesSimulator.Thinning(kernel, horizon, new Random(seed)));
    }

    [Theory, MemberData(nameof(Kernels))]
    public void LogLikelihood_SimulatedData_RecursionEqualsNaiveSum(string name)
    {
        var (kernel, data) = Simulated(name, 600, 11);
        Assert.InRange(data.Count, 500, 3000);
        double recursive = HawkesLikelihood.LogLikelihood(kernel, data);
        double naive = HawkesNaiveLikelihood.LogLikelihood(kernel, data);
        Assert.True(RelativeError(recursive, naive) < 1e-9, $"recursive {recursive:R} vs naive {naive:R}");
    }

    [Fact]
    public void LogLikelihood_TiedTimes_DoNotExciteEachOther()
    {
        // Two events at t = 1 and one at t = 2: λ(1) = μ for both, λ(2) = μ + 2αβe^{−β}.
        double mu = 0.7, alpha = 0.4, beta = 1.3, T = 3;
        double[] t = { 1, 1, 2 };
        double expected = 2 * Math.Log(mu) + Math.Log(mu + 2 * alpha * beta * Math.Exp(-beta))
                          - mu * T - alpha * (2 * -Kairos.Numerics.Fn.Expm1(-2 * beta) - Kairos.Numerics.Fn.Expm1(-beta));
        Assert.True(RelativeError(new HawkesProcess(mu, alpha, beta).LogLikelihood(t, T), expected) < 1e-13);
        Assert.True(RelativeError(new HawkesFixedDecayLikelihood(t, T, beta).LogLikelihood(mu, alpha), expected) < 1e-13);
        var kernel = HawkesExpKernel.Univariate(mu, alpha, beta);
        Assert.True(RelativeError(HawkesNaiveLikelihood.LogLikelihood(kernel, HawkesRealization.Univariate(t, T)), expected) < 1e-13);
    }

    // Σ log λ(t_k) − ∫₀ᵀ λ by Gauss–Legendre on each gap (the intensity is smooth between events), the survival
    // piece after the last event included; the intensity is written out here, independently of the library.
    [Theory, MemberData(nameof(Kernels))]
    public void LogLikelihood_TinyFixture_MatchesQuadratureOfIntensity(string name)
    {
        var (kernel, _) = Simulated(name, 1, 1);
        var data = name == "univariate"
            ? HawkesRealization.Univariate(new[] { 0.2, 0.9, 1.1, 2.6, 2.7, 4.0 }, 5.5)
            : HawkesRealization.FromDimensions(new[] { TickNode0, TickNode1 }, 5.65);
        var t = data.Times.ToArray();
        var m = data.Marks.ToArray();
        double Lambda(int i, double s, bool inclusive)
        {
            double l = kernel.Baseline(i);
            for (int k = 0; k < t.Length; k++)
                if (t[k] < s || (inclusive && t[k] <= s))
                    l += kernel.Adjacency(i, m[k]) * kernel.Decay(i, m[k]) * Math.Exp(-kernel.Decay(i, m[k]) * (s - t[k]));
            return l;
        }
        double expected = 0;
        for (int k = 0; k < t.Length; k++) expected += Math.Log(Lambda(m[k], t[k], inclusive: false));
        var grid = new[] { 0.0 }.Concat(t).Append(data.Horizon).Distinct().ToArray();
        for (int i = 0; i < kernel.Dimension; i++)
            for (int g = 0; g + 1 < grid.Length; g++)
            {
                double a = grid[g];
                expected -= Integrate.GaussLegendre(s => Lambda(i, s, inclusive: false), a, grid[g + 1], 64);
            }
        Assert.True(RelativeError(HawkesLikelihood.LogLikelihood(kernel, data), expected) < 1e-10);
    }

    [Fact]
    public void FastLogLikelihood_SimulatedData_EqualsReferenceRecursion()
    {
        var all = Univariate(0.5, 0.6, 1.5, 4000, 3);
        Assert.InRange(all.Length, 4000, 6000);
        foreach (int n in new[] { 1, 3, 4, 7, 513, all.Length })
        {
            var times = all.AsSpan(0, n).ToArray();
            var data = HawkesRealization.Univariate(times, 4000);
            foreach (var (mu, alpha, beta) in new[] { (0.5, 0.6, 1.5), (0.05, 0.9, 20.0), (3.0, 0.01, 0.01) })
            {
                var kernel = HawkesExpKernel.Univariate(mu, alpha, beta);
                var gRef = new double[3];
                var gFast = new double[3];
                var gSimple = new double[3];
                var gFixed = new double[2];
                double reference = HawkesLikelihood.LogLikelihood(kernel, data, gRef);
                double fast = HawkesFastLikelihood.LogLikelihood(times, 4000, mu, alpha, beta, gFast);
                double simple = HawkesBaselineLoops.TextbookRecursive(times, 4000, mu, alpha, beta, gSimple);
                double fixedDecay = new HawkesFixedDecayLikelihood(times, 4000, beta).LogLikelihood(mu, alpha, gFixed);
                Assert.True(RelativeError(fast, reference) < 1e-9, $"n={n} fast {fast:R} vs {reference:R}");
                Assert.True(RelativeError(HawkesFastLikelihood.LogLikelihood(times, 4000, mu, alpha, beta), reference) < 1e-9);
                Assert.True(RelativeError(simple, reference) < 1e-9);
                Assert.True(RelativeError(fixedDecay, reference) < 1e-9);
                for (int k = 0; k < 3; k++)
                {
                    double tol = 1e-9 * Math.Abs(gRef[k]) + 1e-9;
                    Assert.True(Math.Abs(gFast[k] - gRef[k]) < tol, $"n={n} grad[{k}] fast {gFast[k]:R} vs {gRef[k]:R}");
                    Assert.True(Math.Abs(gSimple[k] - gRef[k]) < tol, $"n={n} grad[{k}] simple {gSimple[k]:R} vs {gRef[k]:R}");
                    if (k < 2) Assert.True(Math.Abs(gFixed[k] - gRef[k]) < tol, $"n={n} grad[{k}] fixed {gFixed[k]:R} vs {gRef[k]:R}");
                }
            }
        }
    }

    [Fact]
    public void FastLogLikelihood_ManyTiesAcrossChunkBoundaries_EqualsReferenceRecursion()
    {
        // Times rounded to a 0.25 grid (many ties), plus a run of 20 equal times straddling events 500–520.
        var times = Univariate(0.5, 0.6, 1.5, 1500, 8).Select(t => Math.Round(4 * t) / 4).ToArray();
        Assert.True(times.Length > 1100);
        for (int k = 500; k < 520; k++) times[k] = times[500];
        for (int k = 520; k < times.Length; k++) times[k] = Math.Max(times[k], times[500]);
        Assert.Contains(times.Skip(1).Select((t, k) => t - times[k]), g => g == 0);
        var data = HawkesRealization.Univariate(times, 1500);
        var gRef = new double[3];
        var gFast = new double[3];
        double reference = HawkesLikelihood.LogLikelihood(HawkesExpKernel.Univariate(0.4, 0.5, 2.0), data, gRef);
        Assert.True(RelativeError(reference, HawkesNaiveLikelihood.LogLikelihood(HawkesExpKernel.Univariate(0.4, 0.5, 2.0), data)) < 1e-9);
        Assert.True(RelativeError(HawkesFastLikelihood.LogLikelihood(times, 1500, 0.4, 0.5, 2.0, gFast), reference) < 1e-9);
        Assert.True(RelativeError(HawkesFastLikelihood.LogLikelihood(times, 1500, 0.4, 0.5, 2.0), reference) < 1e-9);
        Assert.True(RelativeError(new HawkesFixedDecayLikelihood(times, 1500, 2.0).LogLikelihood(0.4, 0.5), reference) < 1e-9);
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(gFast[k] - gRef[k]) < 1e-9 * Math.Abs(gRef[k]) + 1e-9, $"grad[{k}] {gFast[k]:R} vs {gRef[k]:R}");
    }

    [Fact]
    public void FastLogLikelihood_SubnormalOrZeroIntensity_UsesExactPath()
    {
        double[] t = { 0.5, 1.0, 1.7, 2.0, 2.2 };
        var naive = HawkesNaiveLikelihood.LogLikelihood(HawkesExpKernel.Univariate(1e-310, 0.5, 1), HawkesRealization.Univariate(t, 3));
        Assert.True(double.IsFinite(naive));
        Assert.True(RelativeError(HawkesFastLikelihood.LogLikelihood(t, 3, 1e-310, 0.5, 1), naive) < 1e-12);
        Assert.Equal(double.NegativeInfinity, HawkesFastLikelihood.LogLikelihood(t, 3, 0, 0.5, 1));   // λ(t_1) = 0
        Assert.Equal(double.NegativeInfinity, HawkesLikelihood.LogLikelihood(HawkesExpKernel.Univariate(0, 0.5, 1), HawkesRealization.Univariate(t, 3)));
    }
}
