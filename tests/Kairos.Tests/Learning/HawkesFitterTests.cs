using Kairos.Learning;
using Kairos.PointProcesses;

namespace Kairos.Tests.Learning;

public sealed class HawkesFitterTests
{
    private static void AssertWithin3StandardErrors(HawkesFitResult fit, HawkesExpKernel truth)
    {
        var t = truth.ToFlat();
        foreach (var ((name, value, se), k) in fit.Parameters().Select((p, k) => (p, k)))
        {
            Assert.True(double.IsFinite(se) && se > 0, $"{name}: standard error {se}");
            Assert.True(Math.Abs(value - t[k]) < 3 * se, $"{name}: fitted {value:R} ± {se:R}, true {t[k]:R}");
        }
    }

    [Fact]
    public void Fit_UnivariateSimulatedData_RecoversParametersWithin3StandardErrors()
    {
        // Given ~5,000 events of μ = 0.5, α = 0.6, β = 1.5 (E N = μT/(1 − α))
        var truth = HawkesExpKernel.Univariate(0.5, 0.6, 1.5);
        var times = new HawkesProcess(truth).SimulateTimes(4000, new Random(31));
        Assert.InRange(times.Length, 4000, 6000);
        // When fitted by maximum likelihood
        var fit = HawkesFitter.Fit(times, 4000);
        // Then it converged, beats the truth's likelihood, is stationary, and lies within 3 standard errors
        Assert.True(fit.Converged, fit.Message);
        Assert.True(fit.LogLikelihood >= new HawkesProcess(truth).LogLikelihood(times, 4000));
        Assert.True(fit.IsStationary);
        Assert.Equal(fit.Kernel.Adjacency(0, 0), fit.SpectralRadius, 14);
        AssertWithin3StandardErrors(fit, truth);
        var g = new double[3];
        HawkesFastLikelihood.LogLikelihood(times, 4000, fit.Kernel.Baseline(0), fit.Kernel.Adjacency(0, 0), fit.Kernel.Decay(0, 0), g);
        Assert.All(g, v => Assert.True(Math.Abs(v) < 1e-2, $"gradient at the MLE {v}"));
    }

    [Fact]
    public void Fit_FixedDecay_FitsOnlyBaselineAndAdjacency()
    {
        var truth = HawkesExpKernel.Univariate(0.5, 0.6, 1.5);
        var times = new HawkesProcess(truth).SimulateTimes(4000, new Random(32));
        var fit = HawkesFitter.Fit(times, 4000, new HawkesFitOptions(FixedDecay: 1.5));
        Assert.True(fit.Converged, fit.Message);
        Assert.Equal(1.5, fit.Kernel.Decay(0, 0));
        Assert.True(double.IsNaN(fit.StandardErrors[2]));
        for (int k = 0; k < 2; k++)
            Assert.True(Math.Abs(fit.Kernel.ToFlat()[k] - truth.ToFlat()[k]) < 3 * fit.StandardErrors[k]);
        // The fixed-decay optimum is the stationary point of the cached-weights likelihood.
        var g = new double[2];
        new HawkesFixedDecayLikelihood(times, 4000, 1.5).LogLikelihood(fit.Kernel.Baseline(0), fit.Kernel.Adjacency(0, 0), g);
        Assert.All(g, v => Assert.True(Math.Abs(v) < 1e-2, $"gradient at the MLE {v}"));
    }

    [Fact]
    public void Fit_BivariateSharedDecay_RecoversParametersWithin3StandardErrors()
    {
        var truth = new HawkesExpKernel(new[] { 0.4, 0.3 }, new[,] { { 0.3, 0.2 }, { 0.1, 0.4 } }, 1.2);
        var data = HawkesSimulator.Branching(truth, 3000, new Random(33));
        Assert.InRange(data.Count, 3000, 8000);
        var fit = HawkesFitter.Fit(data);
        Assert.True(fit.Converged, fit.Message);
        Assert.True(fit.IsStationary);
        AssertWithin3StandardErrors(fit, truth);
    }

    [Fact]
    public void Fit_BivariateDecayMatrix_RecoversParametersWithin3StandardErrors()
    {
        var truth = new HawkesExpKernel(new[] { 0.4, 0.3 }, new[,] { { 0.3, 0.2 }, { 0.1, 0.4 } }, new[,] { { 1.0, 2.0 }, { 1.5, 0.8 } });
        var data = HawkesSimulator.Thinning(truth, 4000, new Random(34));
        Assert.InRange(data.Count, 4500, 6500);   // mean rates (I − α)⁻¹μ = (0.75, 0.625)
        var fit = HawkesFitter.Fit(data, new HawkesFitOptions(SharedDecay: false));
        Assert.True(fit.Converged, fit.Message);
        Assert.False(fit.Kernel.SharedDecay);
        Assert.True(fit.LogLikelihood >= HawkesLikelihood.LogLikelihood(truth, data));
        AssertWithin3StandardErrors(fit, truth);
    }

    [Fact]
    public void Fit_PoissonDataWithFixedDecay_FindsNoExcitation()
    {
        // Given a homogeneous Poisson process of rate 2 (α = 0), ~2,000 events
        var rng = new Random(35);
        var times = new List<double>();
        for (double t = -Math.Log(1 - rng.NextDouble()) / 2; t <= 1000; t += -Math.Log(1 - rng.NextDouble()) / 2) times.Add(t);
        // When fitted with β fixed at 1
        var fit = HawkesFitter.Fit(times.ToArray(), 1000, new HawkesFitOptions(FixedDecay: 1));
        // Then α is near its boundary 0 and μ near the rate (SE of the rate √n/T ≈ 0.045)
        Assert.True(fit.Kernel.Adjacency(0, 0) < 0.05, fit.ToString());
        Assert.InRange(fit.Kernel.Baseline(0), 2 - 3 * 0.045, 2 + 3 * 0.045);
        Assert.True(fit.IsStationary);
    }

    [Fact]
    public void Fit_IterationLimitTooSmall_ReportsNotConvergedWithBestPoint()
    {
        var times = new HawkesProcess(0.5, 0.6, 1.5).SimulateTimes(400, new Random(36));
        var fit = HawkesFitter.Fit(times, 400, new HawkesFitOptions(MaxIterations: 2, StandardErrors: false));
        Assert.False(fit.Converged);
        Assert.Contains("did not converge", fit.Message);
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.True(HawkesFitter.Fit(times, 400).Converged);
    }

    [Fact]
    public void Fit_StandardErrorsOff_ReportsNaNErrorsAndSpectralRadius()
    {
        // A burst that keeps accelerating: the fitted spectral radius is reported whatever it is.
        var times = Enumerable.Range(1, 200).Select(k => 10 * Math.Sqrt(k / 200.0)).ToArray();
        var fit = HawkesFitter.Fit(times, 10, new HawkesFitOptions(StandardErrors: false));
        Assert.Equal(fit.Kernel.Adjacency(0, 0), fit.SpectralRadius, 14);
        Assert.Equal(fit.SpectralRadius < 1, fit.IsStationary);
        Assert.All(fit.StandardErrors, se => Assert.True(double.IsNaN(se)));
    }
}
