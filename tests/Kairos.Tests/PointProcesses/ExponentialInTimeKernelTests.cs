using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>The one exponential-in-time kernel against quadrature (Gauss–Legendre, <see cref="Quadrature"/>) and
/// 50-digit mpmath values: Λ, J = ∫λ², Λ⁻¹, the interval terms with ∂/∂ω of the TPPRL objective, and their stability
/// as ω → 0, at extinction and for large |c|.</summary>
public sealed class ExponentialInTimeKernelTests
{
    private static void Close(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (rel. {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    /// <summary>∫₀^Δ sᵖ e^{k(c + ωs)} ds by quadrature, with e^{kc} factored out (and multiplied back in log space)
    /// so that large |c| is checked too.</summary>
    private static double Quad(int k, double c, double omega, double delta, int power = 0) =>
        Math.Exp(k * c + Math.Log(Quadrature.Integrate(s => Math.Pow(s, power) * Math.Exp(k * omega * s), 0, delta)));

    [Theory]
    [InlineData(0.3, -2.0, 1.5)]
    [InlineData(-1.0, 1e-9, 2.0)]
    [InlineData(0.0, 0.0, 3.0)]
    [InlineData(1.2, 0.7, 0.4)]
    [InlineData(-0.5, -30.0, 5.0)]
    [InlineData(300, 0.5, 2.0)]
    [InlineData(-720, -1.0, 4.0)]      // e^c below the normal range: the log-space branch
    [InlineData(-5.0, 354, 2.0)]       // ωΔ = 708 > 700: log space
    public void CumulativeHazardAndSquareIntegral_MatchQuadrature(double c, double omega, double delta)
    {
        Close(Quad(1, c, omega, delta), ExponentialInTimeKernel.CumulativeHazard(c, omega, delta), 1e-13);
        if (2 * Math.Max(Math.Abs(c), Math.Abs(c + omega * delta)) < 700) Close(Quad(2, c, omega, delta), ExponentialInTimeKernel.SquareIntegral(c, omega, delta), 1e-13);
    }

    /// <summary>Λ(τ) = e^c·expm1(ωτ)/ω (e^c·τ at ω = 0), evaluated with mpmath 1.3.0 at 50 digits.</summary>
    [Theory]
    [InlineData(0.3, 1e-12, 2.5, 3.3746470189442260687, 1e-14)]
    [InlineData(0.3, -1e-12, 2.5, 3.3746470189357894512, 1e-14)]
    [InlineData(0.3, 1e-15, 2.5, 3.3746470189400119783, 1e-14)]
    [InlineData(700, -0.5, 3, 1.5758525878686238106e+304, 1e-14)]
    [InlineData(-700, 2, 300, 1.8600379880104179815e-44, 1e-12)]     // log space: e^{−700} and e^{600} combined
    [InlineData(1, -0.7, 1e6, 3.8832597549414931934, 1e-14)]          // ≈ Λ(∞) = e/0.7
    [InlineData(-50, 2, 20, 0.000022699964881242425671, 1e-14)]
    [InlineData(50, 0.1, 1e-20, 51.847055285870724641, 1e-14)]
    [InlineData(-2, 3, 200, 1.7020759036128101972e+259, 1e-13)]
    public void CumulativeHazard_KnownValues_Match(double c, double omega, double tau, double expected, double rel) =>
        Close(expected, ExponentialInTimeKernel.CumulativeHazard(c, omega, tau), rel);

    [Fact]
    public void CumulativeHazard_EdgeArguments()
    {
        Assert.Equal(0, ExponentialInTimeKernel.CumulativeHazard(0.5, 1, 0));
        Assert.Equal(0, ExponentialInTimeKernel.CumulativeHazard(0.5, 1, -1));
        Close(Math.E / 0.7, ExponentialInTimeKernel.CumulativeHazard(1, -0.7, double.PositiveInfinity), 1e-15);
        Assert.Equal(double.PositiveInfinity, ExponentialInTimeKernel.CumulativeHazard(1, 0, double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, ExponentialInTimeKernel.CumulativeHazard(700, 5, 10));   // > 1.8e308
    }

    [Fact]
    public void CumulativeHazard_OmegaAcrossZero_IsContinuous()
    {
        // Λ at ω = 0 is e^c·τ; at |ω| ≤ 1e-12 it differs by e^c·ω·τ²/2 (first-order term), to 1e-15 relative.
        const double c = 0.7, tau = 3;
        double at0 = ExponentialInTimeKernel.CumulativeHazard(c, 0, tau);
        Close(Math.Exp(c) * tau, at0, 1e-15);
        foreach (var omega in new[] { 1e-300, -1e-300, 1e-16, -1e-16, 1e-12, -1e-12 })
            Close(at0 * (1 + omega * tau / 2), ExponentialInTimeKernel.CumulativeHazard(c, omega, tau), 2e-16);
    }

    [Fact]
    public void SmallOmegaCheck_RejectsTheNaiveClosedForm()
    {
        // The continuity rule above is strict enough to fail e^c·(e^{ωτ} − 1)/ω, which cancels as ω → 0.
        const double c = 0.7, tau = 3, omega = 1e-12;
        double naive = Math.Exp(c) * (Math.Exp(omega * tau) - 1) / omega;
        double expected = Math.Exp(c) * tau * (1 + omega * tau / 2);
        Assert.True(Math.Abs(naive - expected) > 2e-16 * expected);
        Close(expected, ExponentialInTimeKernel.CumulativeHazard(c, omega, tau), 2e-16);
    }

    /// <summary>Λ⁻¹(L) = log1p(ω·L·e^{−c})/ω (TPPRL eq. 13), mpmath at 50 digits.</summary>
    [Theory]
    [InlineData(0.3, 1e-12, 1.7, 1.2593909751581273395, 1e-14)]
    [InlineData(0, -0.5, 1.9999999, 33.622485663036530195, 1e-8)]   // 1e-7 below Λ(∞) = 2: conditioning ~1/(2 − L)
    [InlineData(700, 1, 1e300, 0.000098591905095993679485, 1e-14)]
    [InlineData(-700, 1, 5, 701.60943791243410037, 1e-14)]
    [InlineData(1, -0.7, 3.8, 5.4892356063579290596, 1e-13)]
    public void InverseCumulativeHazard_KnownValues_Match(double c, double omega, double target, double expected, double rel) =>
        Close(expected, ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, target), rel);

    [Theory]
    [InlineData(0.3, -2.0, 0.4)]
    [InlineData(0.3, 1e-12, 2.0)]
    [InlineData(-2.0, 0.5, 7.0)]
    [InlineData(0.0, 0.0, 3.0)]
    [InlineData(-710, 0.2, 1e-3)]
    public void InverseCumulativeHazard_InvertsCumulativeHazard(double c, double omega, double mass)
    {
        double tau = ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, mass);
        Close(mass, ExponentialInTimeKernel.CumulativeHazard(c, omega, tau), 1e-12);
        Close(mass, Quad(1, c, omega, tau), 1e-12);
    }

    [Theory]
    [InlineData(-700, -1e-3, 1e-300)]   // Λ(∞) = e^{−700}/1e-3 ≈ 9.9e-302
    [InlineData(0, -0.5, 2)]            // exactly Λ(∞)
    [InlineData(1, -0.7, 3.9)]
    [InlineData(0, -2, 0.6)]            // total mass 0.5 < 0.6
    public void InverseCumulativeHazard_AtOrBeyondTotalMass_IsInfinite(double c, double omega, double target) =>
        Assert.Equal(double.PositiveInfinity, ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, target));

    [Fact]
    public void InverseCumulativeHazard_JustBelowTotalMass_IsFinite() =>
        Assert.True(double.IsFinite(ExponentialInTimeKernel.InverseCumulativeHazard(0, -2, 0.49)));

    [Theory]
    [InlineData(0.3, 0.0, 1.0)]
    [InlineData(0.3, 4.9e-3, 1.0)]     // Taylor branch, just below the switch at |ωΔ| = 5e-3
    [InlineData(0.3, 5.1e-3, 1.0)]     // expm1 branch, just above it
    [InlineData(-1.2, -5.1e-3, 1.0)]
    [InlineData(-1.2, -4.9e-3, 1.0)]
    [InlineData(0.5, -2.0, 3.0)]
    [InlineData(-0.5, -80.0, 10.0)]    // e^{ωΔ} underflows: I → e^c/|ω|, J → e^{2c}/(2|ω|)
    [InlineData(1.0, 1.5, 4.0)]
    public void Interval_MatchesTheClosedFormsAndQuadratureOfTheirDecayDerivatives(double c, double omega, double delta)
    {
        // Given the single-expm1 evaluation of one interval
        var (i, j, dIdw, dJdw) = ExponentialInTimeKernel.Interval(c, omega, delta);

        // Then I and J equal Λ and ∫λ², and ∂/∂ω equals ∫ s λ and ∫ 2s λ² (differentiation under the integral)
        Close(ExponentialInTimeKernel.CumulativeHazard(c, omega, delta), i, 1e-14);
        Close(ExponentialInTimeKernel.SquareIntegral(c, omega, delta), j, 1e-14);
        Close(Quad(1, c, omega, delta, power: 1), dIdw, 1e-12);
        Close(2 * Quad(2, c, omega, delta, power: 1), dJdw, 1e-12);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), ExponentialInTimeKernel.Interval(c, omega, 0));
    }

    [Theory]
    [InlineData(0.3, 0.0, 1.0)]
    [InlineData(0.3, 4.9e-3, 1.0)]
    [InlineData(0.3, 5.1e-3, 1.0)]
    [InlineData(-1.2, -5.1e-3, 1.0)]
    [InlineData(-1.2, -4.9e-3, 1.0)]
    [InlineData(0.5, -2.0, 3.0)]
    [InlineData(-0.5, -80.0, 10.0)]
    [InlineData(1.0, 1.5, 4.0)]
    public void Interval_DecayDerivatives_MatchFiniteDifferences(double c, double omega, double delta)
    {
        var (_, _, dIdw, dJdw) = ExponentialInTimeKernel.Interval(c, omega, delta);
        GradientCheck.AssertScalar(w => ExponentialInTimeKernel.CumulativeHazard(c, w, delta), omega, dIdw, "∂I/∂ω");
        GradientCheck.AssertScalar(w => ExponentialInTimeKernel.SquareIntegral(c, w, delta), omega, dJdw, "∂J/∂ω");
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(3e-3)]
    [InlineData(-9e-3)]
    [InlineData(0.011)]
    [InlineData(0.5)]
    [InlineData(-4.0)]
    [InlineData(20.0)]
    [InlineData(-800.0)]
    public void Expm1OverXDerivative_MatchesQuadrature(double x) =>
        // E'(x) = d/dx ∫₀¹ e^{xs} ds = ∫₀¹ s e^{xs} ds.
        Close(Quadrature.Integrate(s => s * Math.Exp(x * s), 0, 1), ExponentialInTimeKernel.Expm1OverXDerivative(x), 1e-13);

    [Fact]
    public void Expm1OverXDerivative_AtZero_IsOneHalf() => Assert.Equal(0.5, ExponentialInTimeKernel.Expm1OverXDerivative(0), 1e-16);

    [Theory]
    [InlineData(0.0)]
    [InlineData(5e-4)]
    [InlineData(-2e-3)]
    [InlineData(0.099)]                // Taylor branch, just below the switch at |x| = 0.1
    [InlineData(-0.101)]               // the closed form just above it
    [InlineData(1.5)]
    [InlineData(-30.0)]
    [InlineData(200.0)]
    public void MeanFraction_MatchesQuadrature(double x)
    {
        // r(x) = ∫₀¹ s e^{xs} ds / ∫₀¹ e^{xs} ds, with e^{x} factored out of both for large x.
        double shift = Math.Max(x, 0);
        double num = Quadrature.Integrate(s => s * Math.Exp(x * s - shift), 0, 1);
        double den = Quadrature.Integrate(s => Math.Exp(x * s - shift), 0, 1);
        Close(num / den, ExponentialInTimeKernel.MeanFraction(x), 1e-13);
    }

    [Fact]
    public void MeanFraction_GivesTheDecayDerivativeInAnyRangeOfC()
    {
        // ∂Λ/∂ω = Λ·Δ·r(ωΔ): equal to the interval's ∂I/∂ω where both are representable.
        const double c = 0.4, omega = -1.3, delta = 2.2;
        double lambda = ExponentialInTimeKernel.CumulativeHazard(c, omega, delta);
        Close(ExponentialInTimeKernel.Interval(c, omega, delta).DIdw,
            lambda * delta * ExponentialInTimeKernel.MeanFraction(omega * delta), 1e-13);
    }

    [Fact]
    public void Draw_FromUniform_InvertsTheSurvival()
    {
        // τ = Λ⁻¹(−log(1 − u)) has P(τ ≤ t) = 1 − e^{−Λ(t)}: the sampler's inverse CDF at one point.
        const double c = -0.2, omega = 0.6, u = 0.3;
        double tau = ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, ExponentialDraw.FromUniform(u));
        Close(u, -Fn.Expm1(-ExponentialInTimeKernel.CumulativeHazard(c, omega, tau)), 1e-14);
    }
}
