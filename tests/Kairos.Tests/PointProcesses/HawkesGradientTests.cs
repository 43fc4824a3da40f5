using Kairos.Cli.Bench;
using Kairos.PointProcesses;
using static Kairos.Tests.PointProcesses.HawkesFixtures;

namespace Kairos.Tests.PointProcesses;

public sealed class HawkesGradientTests
{
    private static void AssertGradientMatches(Func<double[], double> f, double[] theta, double[] analytic, string what) =>
        GradientCheck.AssertGradient(f, theta, analytic, what);

    [Theory]
    [InlineData("shared")]
    [InlineData("matrix")]
    [InlineData("tick")]
    public void LogLikelihoodGradient_Multivariate_MatchesCentralDifferences(string name)
    {
        var kernel = name switch { "shared" => SharedKernel(), "matrix" => MatrixKernel(), _ => TickKernel() };
        var data = HawkesRealization.FromDimensions(new[] { TickNode0, TickNode1 }, 5.65);
        var theta = kernel.ToFlat();
        var g = new double[theta.Length];
        HawkesLikelihood.LogLikelihood(kernel, data, g);
        AssertGradientMatches(p => HawkesLikelihood.LogLikelihood(HawkesExpKernel.FromFlat(kernel.Layout, p), data), theta, g, name);
    }

    [Fact]
    public void LogLikelihoodGradient_Univariate_MatchesCentralDifferencesForEveryKernel()
    {
        var times = Univariate(0.5, 0.6, 1.5, 80, 5);
        Assert.InRange(times.Length, 50, 200);
        var theta = new[] { 0.45, 0.7, 1.2 };
        var g = new double[3];
        HawkesFastLikelihood.LogLikelihood(times, 80, theta[0], theta[1], theta[2], g);
        AssertGradientMatches(p => HawkesFastLikelihood.LogLikelihood(times, 80, p[0], p[1], p[2]), theta, g, "fast");
        HawkesBaselineLoops.TextbookRecursive(times, 80, theta[0], theta[1], theta[2], g);
        AssertGradientMatches(p => HawkesBaselineLoops.TextbookRecursive(times, 80, p[0], p[1], p[2]), theta, g, "simple");
        var fixedDecay = new HawkesFixedDecayLikelihood(times, 80, theta[2]);
        var g2 = new double[2];
        fixedDecay.LogLikelihood(theta[0], theta[1], g2);
        AssertGradientMatches(p => fixedDecay.LogLikelihood(p[0], p[1]), theta[..2], g2, "fixed decay");
    }

    [Fact]
    public void LogLikelihoodGradient_RandomDirections_MatchDirectionalDifferences()
    {
        var kernel = MatrixKernel();
        var data = HawkesSimulator.Thinning(kernel, 60, new Random(9));
        var theta = kernel.ToFlat();
        var g = new double[theta.Length];
        HawkesLikelihood.LogLikelihood(kernel, data, g);
        var rng = new Random(4);
        for (int r = 0; r < 5; r++)
        {
            var dir = theta.Select(_ => rng.NextDouble() - 0.5).ToArray();
            GradientCheck.AssertDirectional(p => HawkesLikelihood.LogLikelihood(HawkesExpKernel.FromFlat(kernel.Layout, p), data),
                theta, dir, g, $"direction {r}", 1e-3 * Math.Max(theta.Min(Math.Abs), 1e-2));
        }
    }
}
