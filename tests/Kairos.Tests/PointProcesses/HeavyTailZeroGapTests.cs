using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Issue 9 regression: a zero gap (tied events, or an event at t = 0) contributes log f(0) to the
/// heavytail likelihood and the other gaps still count. Oracle: the Lomax (c = 1) density written out,
/// f(τ) = (k/λ)(1 + τ/λ)^{−(k+1)}, and the survival after the last event by quadrature of the hazard.</summary>
public sealed class HeavyTailZeroGapTests
{
    private const double Scale = 2, Tail = 1.2, Horizon = 5;

    private static double LomaxLogDensity(double tau) => Math.Log(Tail / Scale) - (Tail + 1) * Math.Log(1 + tau / Scale);

    private static double Oracle(double[] times)
    {
        double sum = 0, previous = 0;
        foreach (var t in times) { sum += LomaxLogDensity(t - previous); previous = t; }
        return sum - Quadrature.Integrate(u => Tail / Scale / (1 + u / Scale), 0, Horizon - previous);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5, 3.0 }, -4.639)]   // the case: a tie
    [InlineData(new[] { 0.0, 1.0, 4.0 }, double.NaN)]   // an event at t = 0
    public void LogLikelihood_ZeroGap_CountsEveryGap(double[] times, double quoted)
    {
        var model = new HeavyTailRenewalProcess(Scale, 1, Tail);
        double expected = Oracle(times);
        if (!double.IsNaN(quoted)) Assert.Equal(quoted, expected, 3);
        var gradient = new double[3];
        Assert.Equal(expected, model.LogLikelihood(times, Horizon), 12);
        Assert.Equal(expected, model.LogLikelihood(times, Horizon, gradient), 12);
    }

    [Fact]
    public void Gradient_ZeroGapAtShapeOne_ScaleAndTailMatchFiniteDifferences_ShapeIsNaN()
    {
        double[] times = [0.5, 0.5, 3.0];
        var g = new double[3];
        new HeavyTailRenewalProcess(Scale, 1, Tail).LogLikelihood(times, Horizon, g);
        Assert.True(double.IsNaN(g[1]), "log f(0) is not differentiable in the shape at c = 1");
        GradientCheck.AssertEntry(p => new HeavyTailRenewalProcess(p[0], 1, p[1]).LogLikelihood(times, Horizon),
            [Scale, Tail], 0, g[0], "scale");
        GradientCheck.AssertEntry(p => new HeavyTailRenewalProcess(p[0], 1, p[1]).LogLikelihood(times, Horizon),
            [Scale, Tail], 1, g[2], "tail");
    }

    [Fact]
    public void LogLikelihood_ZeroGapAwayFromShapeOne_IsInfinite()
    {
        double[] times = [0.5, 0.5, 3.0];
        var g = new double[3];
        Assert.Equal(double.PositiveInfinity, new HeavyTailRenewalProcess(Scale, 0.7, Tail).LogLikelihood(times, Horizon, g));
        Assert.Equal(double.NegativeInfinity, new HeavyTailRenewalProcess(Scale, 1.3, Tail).LogLikelihood(times, Horizon, g));
        Assert.All(g, v => Assert.True(double.IsNaN(v)));
    }
}
