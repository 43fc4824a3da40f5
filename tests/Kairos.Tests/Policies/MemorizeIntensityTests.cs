using Kairos.Policies;
using MathNet.Numerics;

namespace Kairos.Tests.Policies;

public sealed class MemorizeIntensityTests
{
    private const double Alpha = 1e-3;   // KS significance level

    [Theory]
    [InlineData(5.0, 1.0, 0.001)]
    [InlineData(5.0, 1.0, 0.3)]
    [InlineData(2.0, 0.05, 4.0)]
    [InlineData(0.7, 30.0, 2.0)]
    [InlineData(10.0, 1e-5, 7.0)]
    public void CumulativeIntensity_Grid_MatchesQuadratureOfIntensity(double rate, double n, double delta)
    {
        double quad = Integrate.OnClosedInterval(t => MemorizeIntensity.Intensity(rate, n, t), 0, delta, 1e-12);
        double closed = MemorizeIntensity.CumulativeIntensity(rate, n, delta);
        Assert.Equal(1.0, closed / quad, 6);
    }

    [Theory]
    [InlineData(1e-14)]
    [InlineData(1e-9)]
    [InlineData(1e-4)]
    [InlineData(0.3)]
    [InlineData(5.0)]
    [InlineData(1e4)]
    public void InverseCumulativeIntensity_RoundTrip_RecoversY(double y)
    {
        double d = MemorizeIntensity.InverseCumulativeIntensity(3.0, 0.8, y);
        Assert.Equal(1.0, MemorizeIntensity.CumulativeIntensity(3.0, 0.8, d) / y, 12);
    }

    [Fact]
    public void SampleGap_TimeRescaling_KsAcceptsTrueLawAndRejectsWrongRate()
    {
        // Given exact draws of the gap to the next review (r = 4/day, n = 0.9/day)
        const double r = 4, n = 0.9;
        const int count = 20000;
        var rng = new Random(2024);
        var gaps = new double[count];
        for (int i = 0; i < count; i++) gaps[i] = MemorizeIntensity.SampleGap(r, n, rng);
        // When rescaled by the compensator (checked against quadrature above), 1 − e^{−Λ(Δ)} must be U(0, 1)
        double critical = Math.Sqrt(-Math.Log(Alpha / 2) / 2) / Math.Sqrt(count);
        double dTrue = KsUniform(gaps.Select(g => -Kairos.Numerics.Fn.Expm1(-MemorizeIntensity.CumulativeIntensity(r, n, g))));
        double dWrong = KsUniform(gaps.Select(g => -Kairos.Numerics.Fn.Expm1(-MemorizeIntensity.CumulativeIntensity(1.1 * r, n, g))));
        // Then the true law passes and a rate 10% off is rejected at the same n
        Assert.True(dTrue < critical, $"KS D = {dTrue} ≥ {critical}");
        Assert.True(dWrong > critical, $"power check: KS D = {dWrong} ≤ {critical}");
    }

    internal static double KsUniform(IEnumerable<double> values)
    {
        var u = values.OrderBy(v => v).ToArray();
        double d = 0;
        for (int i = 0; i < u.Length; i++)
            d = Math.Max(d, Math.Max((i + 1.0) / u.Length - u[i], u[i] - (double)i / u.Length));
        return d;
    }
}
