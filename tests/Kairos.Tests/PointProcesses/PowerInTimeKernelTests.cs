using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>The power-in-time kernel λ(s) = e^a(1 + ρs)^p: Λ against Simpson quadrature of λ, Λ⁻¹ against Λ, and
/// ∂Λ/∂p against central differences (the suite's rule), over powers from steep to decaying (p = −1 is the log case).</summary>
public class PowerInTimeKernelTests
{
    [Theory]
    [InlineData(-3.0, 60.0, 0.4, 0.9)]
    [InlineData(0.5, 8.0, 1.7, 2.5)]
    [InlineData(1.0, 0.0, 0.3, 4.0)]
    [InlineData(0.2, -1.0, 2.0, 3.0)]
    [InlineData(0.7, -2.5, 0.8, 6.0)]
    [InlineData(-40.0, 400.0, 0.05, 3.0)]
    public void Closed_forms_match_quadrature_inverse_and_differences(double a, double p, double rho, double delta)
    {
        double lambda = PowerInTimeKernel.CumulativeHazard(a, p, rho, delta);
        int n = 20000;
        double h = delta / n, sum = 0;
        for (int k = 0; k <= n; k++)
            sum += Math.Exp(PowerInTimeKernel.LogHazard(a, p, rho, k * h)) * (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2);
        double quadrature = sum * h / 3;
        Assert.True(Math.Abs(lambda - quadrature) <= 1e-9 * quadrature, $"closed form {lambda:R}, Simpson {quadrature:R}");

        double back = PowerInTimeKernel.InverseCumulativeHazard(a, p, rho, lambda);
        Assert.True(Math.Abs(back - delta) <= 1e-9 * delta, $"Λ⁻¹(Λ(Δ)) = {back:R}, Δ = {delta:R}");

        var (interval, dp) = PowerInTimeKernel.Interval(a, p, rho, delta);
        Assert.Equal(lambda, interval);
        GradientCheck.AssertScalar(q => PowerInTimeKernel.CumulativeHazard(a, q, rho, delta), p, dp, "∂Λ/∂p", step: 1e-3 * Math.Max(Math.Abs(p), 1));
    }

    [Fact]
    public void A_decaying_power_below_minus_one_can_die_out()
    {
        // p = −3: Λ(∞) = e^a/(ρ·2) = 1.25, so a target beyond it is never reached.
        Assert.Equal(double.PositiveInfinity, PowerInTimeKernel.InverseCumulativeHazard(0, -3, 0.4, 1.3));
        Assert.True(double.IsFinite(PowerInTimeKernel.InverseCumulativeHazard(0, -3, 0.4, 1.2)));
        Assert.Equal(0, PowerInTimeKernel.CumulativeHazard(0, 2, 0.4, -1));
    }
}
