using Kairos.Learning;
using Kairos.PointProcesses;
using Kairos.Tests.PointProcesses;

namespace Kairos.Tests.Learning;

public class PiecewiseConstantFitterTests
{
    private static readonly double[] Breaks = [0, 1, 2.5];
    private static readonly double[] TrueRates = [0.6, 2, 0.3];

    [Fact]
    public void FitWaitingTimes_CensoredSimulatedGaps_RecoverRatesWithinThreeStandardErrors()
    {
        // Given 4,000 waiting times from a known piecewise law, each censored at an Exp(mean 3) time
        var truth = new PiecewiseConstantTime(Breaks, TrueRates);
        var rng = new Random(11);
        int n = 4000;
        var durations = new double[n];
        var observed = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double x = truth.Sample(rng), c = -3 * Kairos.Numerics.Fn.Log1p(-rng.NextDouble());
            (durations[i], observed[i]) = x <= c ? (x, true) : (c, false);
        }
        // When fitting in closed form
        var fit = PiecewiseConstantFitter.FitWaitingTimes(Breaks, durations, observed);
        // Then each rate is within 3 SE of the truth, and SEs are small but positive
        for (int j = 0; j < Breaks.Length; j++)
        {
            Assert.InRange(fit.StandardErrors[j], 1e-3, 0.2 * TrueRates[j]);
            Assert.True(Math.Abs(fit.Rates[j] - TrueRates[j]) < 3 * fit.StandardErrors[j],
                $"piece {j}: {fit.Rates[j]} ± {fit.StandardErrors[j]} vs {TrueRates[j]}");
        }
        Assert.Equal(observed.Count(o => o), fit.Events);
        // and its log-likelihood equals Σ log f(d_i) (events) + Σ log S(d_i) (censored) under the fitted law, computed
        // independently from PiecewiseConstantTime
        var law = fit.Distribution;
        double direct = 0;
        for (int i = 0; i < n; i++) direct += observed[i] ? law.LogDensity(durations[i]) : -law.CumulativeHazard(durations[i]);
        Assert.Equal(direct, fit.LogLikelihood, 1e-9 * Math.Abs(direct));
    }

    [Fact]
    public void FitWaitingTimes_Estimate_IsTheMaximum()
    {
        // Given a tiny hand fixture: spells 0.5 (event), 1.5 (event), 3 (censored), 2.6 (event), 0.2 (censored)
        double[] d = [0.5, 1.5, 3, 2.6, 0.2];
        bool[] o = [true, true, false, true, false];
        var fit = PiecewiseConstantFitter.FitWaitingTimes(Breaks, d, o);
        // Then counts and exposures are the hand-computed ones: piece 0 [0,1): events {0.5}, exposure 0.5+1+1+1+0.2;
        // piece 1 [1,2.5): events {1.5}, exposure 0.5+1.5+1.5; piece 2: events {2.6}, exposure 0.5+0.1
        Assert.Equal([1, 1, 1], fit.Counts);
        Assert.Equal(3.7, fit.Exposures[0], 1e-12);
        Assert.Equal(3.5, fit.Exposures[1], 1e-12);
        Assert.Equal(0.6, fit.Exposures[2], 1e-12);
        // and moving any rate by ±1% lowers the log-likelihood (the law's own formulas)
        double Ll(double[] r)
        {
            var law = new PiecewiseConstantTime(Breaks, r);
            return d.Select((x, i) => o[i] ? law.LogDensity(x) : -law.CumulativeHazard(x)).Sum();
        }
        double best = Ll(fit.Rates.ToArray());
        for (int j = 0; j < 3; j++)
            foreach (double f in new[] { 0.99, 1.01 })
            {
                var r = fit.Rates.ToArray();
                r[j] *= f;
                Assert.True(Ll(r) < best, $"piece {j} × {f}");
            }
    }

    [Fact]
    public void FitProcess_SimulatedInhomogeneousPoisson_RecoversRatesWithinThreeStandardErrors()
    {
        // Given 50 histories on [0, 4] of a Poisson process with intensity r_j on [b_j, b_{j+1}) (thinning)
        var rng = new Random(5);
        var histories = Enumerable.Range(0, 50).Select(_ => OgataThinning.Simulate(
            (t, _) => TrueRates[t < 1 ? 0 : t < 2.5 ? 1 : 2], 2, 4, rng)).ToList();
        var fit = PiecewiseConstantFitter.FitProcess(Breaks, histories, Enumerable.Repeat(4.0, 50).ToList());
        // Then exposures are 50 × piece lengths and rates are within 3 SE
        Assert.Equal([50.0, 75.0, 75.0], fit.Exposures);
        for (int j = 0; j < 3; j++)
            Assert.True(Math.Abs(fit.Rates[j] - TrueRates[j]) < 3 * fit.StandardErrors[j],
                $"piece {j}: {fit.Rates[j]} ± {fit.StandardErrors[j]} vs {TrueRates[j]}");
    }

    [Fact]
    public void Fit_BadInputs_ThrowNamingTheProblem()
    {
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => PiecewiseConstantFitter.FitWaitingTimes(Breaks, [1, double.NaN], [true, true]));
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => PiecewiseConstantFitter.FitWaitingTimes(Breaks, [-1], [true]));
        Assert.Throws<ArgumentException>("observed", () => PiecewiseConstantFitter.FitWaitingTimes(Breaks, [1], []));
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints", () => PiecewiseConstantFitter.FitWaitingTimes([1, 2], [1], [true]));
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints", () => PiecewiseConstantFitter.FitWaitingTimes([0, 2, 2], [1], [true]));
        var e = Assert.Throws<ArgumentException>("breakpoints", () => PiecewiseConstantFitter.FitWaitingTimes(Breaks, [0.5, 2], [true, false]));
        Assert.Contains("piece 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>("histories", () => PiecewiseConstantFitter.FitProcess(Breaks, [[2, 1]], [4]));
        Assert.Throws<ArgumentOutOfRangeException>("histories", () => PiecewiseConstantFitter.FitProcess(Breaks, [[5]], [4]));
        Assert.Throws<ArgumentOutOfRangeException>("horizons", () => PiecewiseConstantFitter.FitProcess(Breaks, [[]], [double.NaN]));
        // An empty history is data (no events, exposure only): rates 0 with no SE, not an error
        var empty = PiecewiseConstantFitter.FitProcess(Breaks, [[]], [4]);
        Assert.All(empty.Rates, r => Assert.Equal(0, r));
        Assert.All(empty.StandardErrors, s => Assert.True(double.IsNaN(s)));
    }
}
