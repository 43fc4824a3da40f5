using Kairos.Learning;
using Kairos.PointProcesses;
using Kairos.Tests.PointProcesses;

namespace Kairos.Tests.Learning;

public class PointProcessFitterTests
{
    public static TheoryData<string, double, int> Recoveries() => new()
    {
        { "poisson:rate=1.7", 600, 1 },
        { "exp:c=0.2,omega=0.01", 250, 1 },
        { "exp:c=2,omega=-0.01", 300, 1 },
        { "exp:c=0.5,omega=1e-12", 400, 1 },
        { "hawkes:mu=0.5,alpha=0.6,beta=2", 600, 2 },
        { "hawkes:mu=0.4,alpha=0.5,beta=1.5", 1500, 1 },
        { "heavytail:scale=1.5,shape=1.8,tail=0.8", 400, 3 },
    };

    [Theory, MemberData(nameof(Recoveries))]
    public void Fit_SimulatedHistories_RecoversParametersWithinThreeStandardErrors(string text, double horizon, int users)
    {
        // Given several users simulated from a known model (fixed seed)
        var truth = ProcessModelLikelihoodTests.Make(text);
        var histories = Enumerable.Range(0, users).Select(u => truth.Simulate(horizon, Kairos.Numerics.SeedSequence.Stream(7, u))).ToList();
        // When fitting the family by maximum likelihood
        var fit = new PointProcessFitter().Fit(truth.Family, histories, Enumerable.Repeat(horizon, users).ToList());
        // Then it converges and every free parameter is within 3 SE of the truth
        Assert.True(fit.Converged, fit.Message);
        for (int j = 0; j < fit.Estimates.Count; j++)
        {
            if (truth.Family == PointProcessFamily.Exp && j == 2) { Assert.True(double.IsNaN(fit.StandardErrors[j])); continue; }
            double se = fit.StandardErrors[j], diff = fit.Estimates[j] - truth.ParameterValues[j];
            Assert.True(se > 0 && se < 0.5 * Math.Max(1, Math.Abs(truth.ParameterValues[j])), $"{fit.ParameterNames[j]}: SE {se}");
            Assert.True(Math.Abs(diff) < 3 * se, $"{fit.ParameterNames[j]}: estimate {fit.Estimates[j]} ± {se}, truth {truth.ParameterValues[j]}");
        }
        // and the fitted log-likelihood is at least that of the truth (it is the maximum)
        double atTruth = PointProcessFitter.SumLogLikelihood(truth, histories, Enumerable.Repeat(horizon, users).ToList(), new double[truth.ParameterValues.Count]);
        Assert.True(fit.LogLikelihood >= atTruth - 1e-6, $"fit ℓ {fit.LogLikelihood} < ℓ(truth) {atTruth}");
    }

    [Fact]
    public void Fit_Poisson_IsClosedFormCountOverExposure()
    {
        var fit = new PointProcessFitter().Fit(PointProcessFamily.Poisson, [[1.0, 2.0, 3.5], [0.5]], [5.0, 3.0]);
        Assert.Equal(4.0 / 8.0, fit.Estimate("rate"), 1e-15);
        Assert.Equal(0.5 / 2.0, fit.StandardError("rate"), 1e-15);
        Assert.Equal(4 * Math.Log(0.5) - 4, fit.LogLikelihood, 1e-12);
    }

    [Fact]
    public void Fit_StandardErrors_MatchPoissonClosedFormThroughTheNumericalHessian()
    {
        // Given Poisson data (ω = 0), the exp family's information is N [[1, T/2], [T/2, T²/3]] (λ ≈ constant), whose
        // inverse gives Var(ĉ) = 4/N (intercept at the end of a uniform design) and Var(ω̂) = 12 / (N T²).
        var times = new PoissonProcess(2).Simulate(500, new Random(2));
        var fit = new PointProcessFitter().Fit(PointProcessFamily.Exp, times, 500);
        Assert.Equal(2 / Math.Sqrt(times.Length), fit.StandardError("c"), 0.2 / Math.Sqrt(times.Length));
        Assert.Equal(Math.Sqrt(12.0 / times.Length) / 500, fit.StandardError("omega"), 0.1 * Math.Sqrt(12.0 / times.Length) / 500);
    }

    [Fact]
    public void Fit_NoEvents_ThrowsNamingTheProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new PointProcessFitter().Fit(PointProcessFamily.Exp, [], 3));
        Assert.Contains("zero events", e.Message);
    }

    [Fact]
    public void Fit_HeavyTailWithTiedTimes_ThrowsNamingTheEvent()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PointProcessFitter().Fit(PointProcessFamily.HeavyTail, [1.0, 1.0, 2.0], 3));
        Assert.Contains("event 1", e.Message);
    }

    [Theory, MemberData(nameof(Recoveries))]
    public void SumLogLikelihood_Gradient_MatchesCentralDifferencesOverSeveralHistories(string text, double horizon, int users)
    {
        var truth = ProcessModelLikelihoodTests.Make(text);
        var spec = PointProcessFamilies.Get(truth.Family);
        var histories = Enumerable.Range(0, users + 1).Select(u => truth.Simulate(horizon / 10, new Random(u))).ToList();
        var horizons = Enumerable.Repeat(horizon / 10, users + 1).ToList();
        var p = truth.ParameterValues.ToArray();
        var g = new double[p.Length];
        PointProcessFitter.SumLogLikelihood(truth, histories, horizons, g);
        for (int j = 0; j < p.Length; j++)
            GradientCheck.AssertEntry(q => PointProcessFitter.SumLogLikelihood(spec.Create(q), histories, horizons, new double[q.Length]),
                p, j, g[j], $"∂/∂{spec.Parameters[j].Name}");
    }
}
