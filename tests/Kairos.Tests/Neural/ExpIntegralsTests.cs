using Kairos.Neural;
using MathNet.Numerics;

namespace Kairos.Tests.Neural;

public class ExpIntegralsTests
{
    [Theory]
    [InlineData(0.3, -2.0, 1.5)]
    [InlineData(-1.0, 1e-9, 2.0)]
    [InlineData(0.0, 0.0, 3.0)]
    [InlineData(1.2, 0.7, 0.4)]
    [InlineData(-0.5, -30.0, 5.0)]
    public void Integrals_MatchQuadrature(double c, double w, double delta)
    {
        double i = Integrate.OnClosedInterval(s => Math.Exp(c + w * s), 0, delta, 1e-13);
        double j = Integrate.OnClosedInterval(s => Math.Exp(2 * (c + w * s)), 0, delta, 1e-13);
        Assert.Equal(i, ExpIntegrals.Integral(c, w, delta), 1e-6 * i);
        Assert.Equal(j, ExpIntegrals.SquareIntegral(c, w, delta), 1e-6 * j);
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(3e-3)]
    [InlineData(-9e-3)]
    [InlineData(0.011)]
    [InlineData(0.5)]
    [InlineData(-4.0)]
    [InlineData(20.0)]
    public void Expm1OverXDerivative_MatchesCentralDifferences(double x)
    {
        // d/dx (e^x − 1)/x by central differences of the series Σ xⁿ/(n+1)! evaluated with high-order terms.
        static double E(double y) => Math.Abs(y) < 1e-5 ? 1 + y / 2 + y * y / 6 : Kairos.Numerics.Fn.Expm1(y) / y;
        GradientCheck.AssertScalar(E, x, ExpIntegrals.Expm1OverXDerivative(x), "d/dx (e^x − 1)/x");
    }

    [Theory]
    [InlineData(0.3, 0.0, 1.0)]
    [InlineData(0.3, 4.9e-3, 1.0)]     // Taylor branch, just below the switch at |wΔ| = 5e-3
    [InlineData(0.3, 5.1e-3, 1.0)]     // expm1 branch, just above it
    [InlineData(-1.2, -5.1e-3, 1.0)]
    [InlineData(-1.2, -4.9e-3, 1.0)]
    [InlineData(0.5, -2.0, 3.0)]
    [InlineData(-0.5, -80.0, 10.0)]    // e^{wΔ} underflows: I → e^c/|w|, J → e^{2c}/(2|w|)
    [InlineData(1.0, 1.5, 4.0)]
    public void Interval_MatchesTheIntegralsAndTheirDecayDerivatives(double c, double w, double delta)
    {
        // Given the single-expm1 evaluation of one interval
        var (i, j, dIdw, dJdw) = ExpIntegrals.Interval(c, w, delta);

        // Then I and J equal the separate closed forms, and ∂/∂w equals central differences of them
        Assert.Equal(ExpIntegrals.Integral(c, w, delta), i, 1e-14 * i);
        Assert.Equal(ExpIntegrals.SquareIntegral(c, w, delta), j, 1e-14 * j);
        GradientCheck.AssertScalar(v => ExpIntegrals.Integral(c, v, delta), w, dIdw, "∂I/∂w");
        GradientCheck.AssertScalar(v => ExpIntegrals.SquareIntegral(c, v, delta), w, dJdw, "∂J/∂w");
        Assert.Equal((0.0, 0.0, 0.0, 0.0), ExpIntegrals.Interval(c, w, 0));
    }

    [Fact]
    public void Expm1OverXDerivative_AtZero_IsOneHalf() => Assert.Equal(0.5, ExpIntegrals.Expm1OverXDerivative(0), 1e-16);

    [Theory]
    [InlineData(0.3, -2.0, 0.4)]
    [InlineData(0.3, 1e-12, 2.0)]
    [InlineData(-2.0, 0.5, 7.0)]
    public void InverseIntegral_InvertsIntegral(double c, double w, double mass)
    {
        double tau = ExpIntegrals.InverseIntegral(c, w, mass);
        Assert.Equal(mass, ExpIntegrals.Integral(c, w, tau), 1e-12 * mass);
    }

    [Fact]
    public void InverseIntegral_BeyondTotalMass_IsInfinite()
    {
        // w = −2, c = 0: total mass e^0/2 = 0.5 < 0.6 ⇒ extinction.
        Assert.Equal(double.PositiveInfinity, ExpIntegrals.InverseIntegral(0, -2, 0.6));
        Assert.True(double.IsFinite(ExpIntegrals.InverseIntegral(0, -2, 0.49)));
    }
}
