using Kairos.Learning;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.Learning;

public sealed class GoodnessOfFitBootstrapTests
{
    private static (double Plugin, GoodnessOfFitBootstrapResult Bootstrap) Check(PointProcessFamily family,
        IReadOnlyList<double[]> histories, IReadOnlyList<double> horizons, int replicates, int seed, int maxParallelism = -1)
    {
        var fit = new PointProcessFitter().Fit(family, histories, horizons);
        var ks = GoodnessOfFit.TimeRescalingTest(fit.Model, histories, horizons);
        return (ks.PValue, GoodnessOfFitBootstrap.Run(fit, horizons, ks.Statistic, replicates, seed, maxParallelism: maxParallelism));
    }

    /// <summary>Correctly specified Poisson data (two users, windows 30 and 20, rate 1.5): over 30 data sets the
    /// bootstrap p-values look uniform (KS against U(0, 1), and about 30% fall below 0.3), while the plug-in ones
    /// crowd towards 1 (the symptom: none below 0.1 in 40 fits).</summary>
    [Fact]
    public void CorrectlySpecified_BootstrapPValuesAreRoughlyUniform_PluginOnesRunHigh()
    {
        var truth = new PoissonProcess(1.5);
        double[] horizons = [30, 20];
        var plugin = new List<double>();
        var bootstrap = new List<double>();
        for (int s = 0; s < 30; s++)
        {
            var rng = SeedSequence.Stream(100, s);
            var histories = horizons.Select(t => truth.Simulate(t, rng)).ToList();
            var (p, b) = Check(PointProcessFamily.Poisson, histories, horizons, 49, s);
            plugin.Add(p);
            bootstrap.Add(b.PValue);
        }
        int below = bootstrap.Count(p => p < 0.3);
        Assert.InRange(below, 4, 16);   // Binomial(30, 0.3): mean 9, sd 2.5
        Assert.True(KolmogorovSmirnov.Test(bootstrap.ToArray(), u => u).PValue > 0.01, string.Join(", ", bootstrap));
        Assert.True(plugin.Count(p => p < 0.3) < below, $"plug-in below 0.3: {plugin.Count(p => p < 0.3)}, bootstrap: {below}");
        Assert.True(KolmogorovSmirnov.Test(plugin.ToArray(), u => u).PValue < 0.01, "the plug-in p-values should not look uniform");
    }

    [Fact]
    public void Misspecified_HawkesDataFittedAsPoisson_HasSmallBootstrapPValue()
    {
        var data = HawkesSimulator.Thinning(HawkesExpKernel.Univariate(0.5, 0.6, 1.5), 300, new Random(7)).Times.ToArray();
        var (_, b) = Check(PointProcessFamily.Poisson, [data], [300], 99, 1);
        Assert.Equal(0, b.Failed);
        Assert.True(b.PValue <= 0.02, $"p = {b.PValue}");
    }

    [Fact]
    public void Run_SameSeed_SameResultWhateverTheThreadCount()
    {
        var truth = new HawkesPointProcess(0.5, 0.4, 2);
        double[] horizons = [60, 40];
        var rng = new Random(3);
        var histories = horizons.Select(t => truth.Simulate(t, rng)).ToList();
        var one = Check(PointProcessFamily.Hawkes, histories, horizons, 8, 42, maxParallelism: 1).Bootstrap;
        var many = Check(PointProcessFamily.Hawkes, histories, horizons, 8, 42).Bootstrap;
        Assert.Equal(one, many);
        Assert.Equal(0, one.Failed);
    }
}
