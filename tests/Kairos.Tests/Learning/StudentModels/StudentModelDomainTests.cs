using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.StudentModels;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Learning.StudentModels;

/// <summary>The fit stays in α ∈ [0, 1), β ≥ 0, and its standard errors are the observed information's.</summary>
public sealed class StudentModelDomainTests
{
    private static StudentObservationSet Log(double alpha, double beta, int users, int seed)
    {
        var truth = new StudentModel(alpha, beta, Enumerable.Range(0, 5).Select(i => 0.3 + 0.2 * i).ToArray());
        var set = new StudentObservationSet();
        foreach (var r in DuolingoSyntheticLog.Generate(truth, users, 5, 5, new Random(seed))) set.Add(r);
        return set;
    }

    [Fact]
    public void Fit_SmallLogsWithoutEffects_NeverLeavesTheDomain()
    {
        // Given small logs (200 sessions) from α = β = 0, where the unconstrained optimum is negative about half the time
        int atBound = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var fit = new StudentModelLearner().Fit(Log(0, 0, 8, seed));
            // Then α and β stay in the domain, and a bound flag is set exactly when the estimate is on the bound
            Assert.InRange(fit.Alpha, 0, 0.999999);
            Assert.True(fit.Beta >= 0, $"seed {seed}: β = {fit.Beta}");
            Assert.Equal(fit.Alpha == 0, fit.AlphaAtBound);
            Assert.Equal(fit.Beta == 0, fit.BetaAtBound);
            atBound += (fit.AlphaAtBound ? 1 : 0) + (fit.BetaAtBound ? 1 : 0);
        }
        Assert.True(atBound > 0, "no fit reached a bound: the test does not exercise the constraint");
    }

    [Fact]
    public void StandardErrors_MatchInverseOfFiniteDifferenceHessian()
    {
        // Given an interior fit
        var data = Log(0.15, 0.1, 40, 3);
        var learner = new StudentModelLearner();
        var fit = learner.Fit(data);
        Assert.False(fit.AlphaAtBound || fit.BetaAtBound);
        int k = data.ItemCount, n = k + 2;
        var theta = new double[n];
        for (int i = 0; i < k; i++) theta[i] = Math.Log(fit.InitialRate(data.ItemIds[i]));
        theta[k] = Math.Log(1 - fit.Alpha);
        theta[k + 1] = Math.Log(1 + fit.Beta);
        double mu = Math.Log(fit.PriorRate);
        double[] Gradient(double[] t)
        {
            var g = new double[n];
            StudentModelLikelihood.Evaluate(data, t, learner.Ridge, mu, g, new double[k], new double[2 * k], new double[3]);
            return g;
        }
        // When −H is built by central differences of the gradient and inverted
        var info = new double[n, n];
        const double h = 1e-5;
        for (int j = 0; j < n; j++)
        {
            var plus = (double[])theta.Clone(); plus[j] += h;
            var minus = (double[])theta.Clone(); minus[j] -= h;
            var gp = Gradient(plus); var gm = Gradient(minus);
            for (int i = 0; i < n; i++) info[i, j] = -(gp[i] - gm[i]) / (2 * h);
        }
        var cov = Invert(info);
        // Then the reported SEs are the delta-method transforms of its (a, b) diagonal
        double seAlpha = (1 - fit.Alpha) * Math.Sqrt(cov[k, k]), seBeta = (1 + fit.Beta) * Math.Sqrt(cov[k + 1, k + 1]);
        Assert.Equal(seAlpha, fit.AlphaStandardError, seAlpha * 1e-4);
        Assert.Equal(seBeta, fit.BetaStandardError, seBeta * 1e-4);
    }

    [Fact]
    public void StandardErrors_MatchSpreadOverReplicateLogs()
    {
        // Given 30 independent logs from the same student, the spread of α̂ is what the SE promises
        var alphas = new List<double>();
        var ses = new List<double>();
        for (int seed = 100; seed < 130; seed++)
        {
            var fit = new StudentModelLearner().Fit(Log(0.3, 0.2, 40, seed));
            alphas.Add(fit.Alpha);
            ses.Add(fit.AlphaStandardError);
        }
        double mean = alphas.Average();
        double sd = Math.Sqrt(alphas.Sum(a => (a - mean) * (a - mean)) / (alphas.Count - 1));
        Assert.InRange(ses.Average() / sd, 0.65, 1.5);
    }

    private static double[,] Invert(double[,] m)
    {
        int n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) a[i, j] = m[i, j]; a[i, n + i] = 1; }
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[p, c])) p = r;
            for (int j = 0; j < 2 * n; j++) (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            double d = a[c, c];
            for (int j = 0; j < 2 * n; j++) a[c, j] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = a[r, c];
                for (int j = 0; j < 2 * n; j++) a[r, j] -= f * a[c, j];
            }
        }
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i, j] = a[i, n + j];
        return inv;
    }
}
