using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class ExponentialInTimeTests
{
    private static void Close(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (rel. {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

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
        Close(expected, new ExponentialInTime(c, omega).CumulativeHazard(tau), rel);

    /// <summary>Λ⁻¹(L) = log1p(ω·L·e^{−c})/ω (TPPRL eq. 13), mpmath at 50 digits.</summary>
    [Theory]
    [InlineData(0.3, 1e-12, 1.7, 1.2593909751581273395, 1e-14)]
    [InlineData(0, -0.5, 1.9999999, 33.622485663036530195, 1e-8)]   // 1e-7 below Λ(∞) = 2: conditioning ~1/(2 − L)
    [InlineData(700, 1, 1e300, 0.000098591905095993679485, 1e-14)]
    [InlineData(-700, 1, 5, 701.60943791243410037, 1e-14)]
    [InlineData(1, -0.7, 3.8, 5.4892356063579290596, 1e-13)]
    public void InverseCumulativeHazard_KnownValues_Match(double c, double omega, double target, double expected, double rel) =>
        Close(expected, new ExponentialInTime(c, omega).InverseCumulativeHazard(target), rel);

    [Theory]
    [InlineData(-700, -1e-3, 1e-300)]   // Λ(∞) = e^{−700}/1e-3 ≈ 9.9e-302
    [InlineData(0, -0.5, 2)]            // exactly Λ(∞)
    [InlineData(1, -0.7, 3.9)]
    public void InverseCumulativeHazard_AtOrBeyondTotalMass_IsInfinite(double c, double omega, double target) =>
        Assert.Equal(double.PositiveInfinity, new ExponentialInTime(c, omega).InverseCumulativeHazard(target));

    [Fact]
    public void Extinction_ProbabilityAndInverseCdf_FollowTpprlEq14()
    {
        var d = new ExponentialInTime(1, -0.7);
        Close(3.8832597549414931934, d.TotalCumulativeHazard, 1e-14);   // e/0.7
        Close(Math.Exp(-3.8832597549414931934), d.ExtinctionProbability, 1e-14);
        double reachable = -Fn.Expm1(-d.TotalCumulativeHazard);
        double below = reachable * (1 - 1e-9);
        Assert.True(double.IsFinite(d.InverseCdf(below)));
        Close(below, d.Cdf(d.InverseCdf(below)), 1e-12);
        Assert.Equal(double.PositiveInfinity, d.InverseCdf(reachable * (1 + 1e-9)));
    }

    [Fact]
    public void CumulativeHazard_OmegaAcrossZero_IsContinuous()
    {
        // Λ at ω = 0 is e^c·τ; at |ω| ≤ 1e-12 it differs by e^c·ω·τ²/2 (first-order term), to 1e-15 relative.
        const double c = 0.7, tau = 3;
        double at0 = new ExponentialInTime(c, 0).CumulativeHazard(tau);
        Close(Math.Exp(c) * tau, at0, 1e-15);
        foreach (var omega in new[] { 1e-300, -1e-300, 1e-16, -1e-16, 1e-12, -1e-12 })
            Close(at0 * (1 + omega * tau / 2), new ExponentialInTime(c, omega).CumulativeHazard(tau), 2e-16);
    }

    [Fact]
    public void Members_ExtremeC_StayFinite()
    {
        var hot = new ExponentialInTime(700, 5);
        Assert.Equal(double.PositiveInfinity, hot.CumulativeHazard(10));   // the true value exceeds 1.8e308
        double t = hot.InverseCdf(0.5);
        Close(Math.Log(2) * Math.Exp(-700), t, 1e-12);
        var cold = new ExponentialInTime(-700, 0);
        Close(Math.Log(2) * Math.Exp(700), cold.InverseCdf(0.5), 1e-12);
        Assert.Equal(-700 - 0.0 - 0, cold.LogDensity(0), 12);
    }

    [Fact]
    public void SampleAfter_LateSurvival_AvoidsCancellation()
    {
        // Λ(s) ≈ 4.8e8 ≫ E: the shifted closed form still returns draws just after s with the right scale.
        var d = new ExponentialInTime(0, 1);
        var rng = new Random(2);
        double s = 20, mean = Enumerable.Range(0, 2000).Average(_ => d.SampleAfter(s, rng) - s);
        Assert.InRange(mean, 0.9 * Math.Exp(-s), 1.1 * Math.Exp(-s));
    }

    [Fact]
    public void ToString_ShowsSymbols() =>
        Assert.Equal("ExponentialInTime(c=0.5, ω=-1.25)", new ExponentialInTime(0.5, -1.25).ToString());
}
