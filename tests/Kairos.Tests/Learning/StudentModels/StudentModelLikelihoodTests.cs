using Kairos.Data.Duolingo;
using Kairos.Learning.StudentModels;

namespace Kairos.Tests.Learning.StudentModels;

public sealed class StudentModelLikelihoodTests
{
    [Theory]
    [InlineData(1e-6, 3, 1)]
    [InlineData(0.05, 2, 2)]
    [InlineData(0.7, 4, 1)]
    [InlineData(3.0, 1, 0)]
    [InlineData(40.0, 5, 3)]
    public void Session_Value_MatchesBinomialFormulaAndDerivativesMatchCentralDifferences(double x, int m, int k)
    {
        // Given p = e^{−x}: ℓ = k log p + (m − k) log(1 − p), computed directly
        double p = Math.Exp(-x);
        var (v, d1, d2) = StudentModelLikelihood.Session(x, m, k);
        Assert.Equal(k * Math.Log(p) + (m - k) * Math.Log(1 - p), v, 1e-9 * Math.Max(1, Math.Abs(v)));
        // Derivatives are in η = log n: x(η) = e^η Δ
        double eta = Math.Log(x);
        GradientCheck.AssertScalar(e => StudentModelLikelihood.Session(Math.Exp(e), m, k).Value, eta, d1, "dℓ/dη");
        GradientCheck.AssertScalar(e => StudentModelLikelihood.Session(Math.Exp(e), m, k).D1, eta, d2, "d²ℓ/dη²");
    }

    [Fact]
    public void Evaluate_TinyData_GradientAndHessianMatchCentralDifferences()
    {
        var set = new StudentObservationSet();
        void Add(string id, int hs, int hc, double deltaDays, int ss, int sc) =>
            set.Add(new DuolingoRecord((double)sc / ss, 0, deltaDays * 86400, "u", "xx", "en", id, id, hs, hc, ss, sc));
        Add("a", 0, 0, 1.2, 2, 1); Add("a", 2, 1, 0.3, 3, 3); Add("b", 5, 2, 4.0, 1, 0); Add("b", 1, 1, 0.05, 2, 2);
        Add("c", 7, 6, 2.5, 4, 2);
        double[] theta = [Math.Log(0.8), Math.Log(1.3), Math.Log(0.4), Math.Log(0.9), Math.Log(1.1)];
        const double ridge = 0.3, mu = -0.2;
        var grad = new double[5]; var diag = new double[3]; var cross = new double[6]; var corner = new double[3];
        StudentModelLikelihood.Evaluate(set, theta, ridge, mu, grad, diag, cross, corner);
        double[] G(double[] t)
        {
            var gr = new double[5];
            StudentModelLikelihood.Evaluate(set, t, ridge, mu, gr, new double[3], new double[6], new double[3]);
            return gr;
        }
        double F(double[] t) => StudentModelLikelihood.Evaluate(set, t, ridge, mu, new double[5], new double[3], new double[6], new double[3]);
        GradientCheck.AssertGradient(F, theta, grad, "gradient");
        for (int j = 0; j < 5; j++)
        {
            // Column j of the Hessian from the arrow blocks: ν–ν diagonal, ν–(a, b) cross, (a, b) corner.
            double[] expected = j < 3
                ? [j == 0 ? diag[0] : 0, j == 1 ? diag[1] : 0, j == 2 ? diag[2] : 0, cross[2 * j], cross[2 * j + 1]]
                : j == 3 ? [cross[0], cross[2], cross[4], corner[0], corner[1]] : [cross[1], cross[3], cross[5], corner[1], corner[2]];
            for (int i = 0; i < 5; i++)
                GradientCheck.AssertEntry(t => G(t)[i], theta, j, expected[i], $"Hessian ({i}, {j})");
        }
    }
}
