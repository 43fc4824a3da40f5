using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class BurrXIITests
{
    private static void Close(double expected, double actual, double rel = 1e-13) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (rel. {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    /// <summary>Λ = k·log1p((τ/λ)^c), log f = log(kc/λ) + (c−1)log(τ/λ) − (k+1)log1p((τ/λ)^c), h = f/S: the textbook
    /// (non-softplus) forms evaluated with mpmath 1.3.0 at 50 digits.</summary>
    [Theory]
    [InlineData(2, 1.5, 0.8, 3, 0.83423080317027114184, -2.1851123768450185613, 0.25901182196423013496)]
    [InlineData(1, 0.5, 2, 1e-8, 0.00019999000066661667067, 9.2100403869751828111, 9999.0000999900009999)]
    [InlineData(0.3, 3, 0.2, 1e6, 9.011690017374126058, -23.338026199104390845, 5.9999999999999999998e-7)]
    [InlineData(5, 1, 1, 7, 0.87546873735389993563, -3.3603753871419002459, 0.083333333333333333333)]
    public void ClosedForms_KnownValues_Match(double scale, double shape, double tail, double tau,
        double lambda, double logDensity, double hazard)
    {
        var d = new BurrXII(scale, shape, tail);
        Close(lambda, d.CumulativeHazard(tau));
        Close(logDensity, d.LogDensity(tau));
        Close(hazard, d.Hazard(tau));
    }

    /// <summary>F⁻¹(p) = λ((1 − p)^{−1/k} − 1)^{1/c}, mpmath at 50 digits.</summary>
    [Theory]
    [InlineData(2, 1.5, 0.8, 0.3, 1.3617213622084126369)]
    [InlineData(1, 0.5, 2, 0.999, 937.75444679663241336)]
    [InlineData(0.3, 3, 0.2, 1e-10, 0.000238110157819040937)]
    public void InverseCdf_KnownValues_Match(double scale, double shape, double tail, double p, double expected) =>
        Close(expected, new BurrXII(scale, shape, tail).InverseCdf(p));

    [Fact]
    public void Hazard_AtZero_DependsOnShape()
    {
        Assert.Equal(double.PositiveInfinity, new BurrXII(1, 0.5, 2).Hazard(0));
        Assert.Equal(2.0 / 3, new BurrXII(3, 1, 2).Hazard(0), 15);
        Assert.Equal(0, new BurrXII(1, 2, 2).Hazard(0));
    }

    [Fact]
    public void Median_MatchesInverseCdfAtHalf()
    {
        var d = new BurrXII(2, 1.5, 0.8);
        Close(d.InverseCdf(0.5), d.Median);
    }

    public static TheoryData<double, double, double, double> GradientPoints() => new()
    {
        { 2, 1.5, 0.8, 3 }, { 1, 0.5, 2, 1e-3 }, { 0.3, 3, 0.2, 50 }, { 5, 1, 1, 7 }, { 1.2, 0.8, 3.5, 1.2 },
    };

    /// <summary>Every gradient against finite differences (<see cref="GradientCheck"/>), on each coordinate and along
    /// random directions.</summary>
    [Theory, MemberData(nameof(GradientPoints))]
    public void Gradients_MatchCentralDifferences(double scale, double shape, double tail, double tau)
    {
        var kinds = new (string Name, Func<BurrXII, double> Value, Func<BurrXII, double[], double> Grad)[]
        {
            ("log f", d => d.LogDensity(tau), (d, g) => d.LogDensityGradient(tau, g)),
            ("log S", d => -d.CumulativeHazard(tau), (d, g) => d.LogSurvivalGradient(tau, g)),
            ("log h", d => Math.Log(d.Hazard(tau)), (d, g) => d.LogHazardGradient(tau, g)),
        };
        double[] theta = [scale, shape, tail];
        var rng = new Random(9);
        foreach (var (name, value, gradOf) in kinds)
        {
            var grad = new double[3];
            double v = gradOf(new BurrXII(scale, shape, tail), grad);
            Assert.Equal(value(new BurrXII(scale, shape, tail)), v, 12);
            double F(double[] q) => value(new BurrXII(q[0], q[1], q[2]));
            GradientCheck.AssertGradient(F, theta, grad, name);
            for (int r = 0; r < 3; r++)
            {
                double[] dir = [rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5];
                GradientCheck.AssertDirectional(F, theta, dir, grad, $"{name} along a random direction", 1e-3 * theta.Min());
            }
        }
    }

    [Fact]
    public void Gradients_BadArguments_Throw()
    {
        var d = new BurrXII(1, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => d.LogDensityGradient(0, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => d.LogSurvivalGradient(double.PositiveInfinity, new double[3]));
        Assert.Throws<ArgumentException>("grad", () => d.LogHazardGradient(1, new double[2]));
    }

    [Fact]
    public void ToString_ShowsSymbolsInInvariantCulture() =>
        Assert.Equal("BurrXII(λ=2, c=1.5, k=0.8)", new BurrXII(2, 1.5, 0.8).ToString());
}
