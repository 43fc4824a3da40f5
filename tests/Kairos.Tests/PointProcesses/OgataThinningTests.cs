using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class OgataThinningTests
{
    /// <summary>Simulates an NHPP with λ(t) = exp(c + ωt) on [0, T] in many runs. Given N(T) = n, the rescaled times
    /// Λ(t_i)/Λ(T) are the order statistics of n i.i.d. U(0, 1) (time-rescaling theorem), so the pooled values are
    /// tested against U(0, 1) (KS, ≥ 10,000 events) — exact, unlike pooled gaps, whose last one is censored at T —
    /// plus the power check (time scale ×1.1).</summary>
    [Theory]
    [InlineData(0.0, 0.3, true)]     // rising: constant bound λ(T)
    [InlineData(2.0, -0.4, false)]   // decaying: bound(t) = λ(t), valid until the next event and beyond
    public void Simulate_ExponentialIntensity_RescaledGapsAreExponential(double c, double omega, bool constantBound)
    {
        const double horizon = 10;
        var law = new ExponentialInTime(c, omega);
        OgataThinning.Intensity intensity = (t, _) => law.Hazard(t);
        var rng = new Random(11);
        var rescaled = new List<double>();
        double total = law.CumulativeHazard(horizon);
        int runs = 0;
        while (rescaled.Count < 10_000)
        {
            var events = constantBound
                ? OgataThinning.Simulate(intensity, law.Hazard(horizon), horizon, rng)
                : OgataThinning.Simulate(intensity, intensity, horizon, rng);
            Assert.True(events.All(t => t is > 0 and <= horizon));
            Assert.True(events.Zip(events.Skip(1)).All(p => p.First < p.Second), "events must be increasing");
            rescaled.AddRange(events.Select(t => law.CumulativeHazard(t) / total));
            runs++;
        }
        var times = rescaled.ToArray();
        var own = KolmogorovSmirnov.Test(times, u => Math.Clamp(u, 0, 1));
        Assert.True(own.PValue > 1e-3, $"KS D = {own.Statistic:R}, p = {own.PValue:R} after {runs} runs");
        var wrong = KolmogorovSmirnov.Test(times, u => law.CumulativeHazard(horizon * u / 1.1) / law.CumulativeHazard(horizon / 1.1));
        Assert.True(wrong.PValue < 1e-3, $"no power: p = {wrong.PValue:R}");
        // The count per run is Poisson(Λ(T)): the mean over runs is within 4 standard errors.
        double expected = total, mean = (double)rescaled.Count / runs;
        Assert.True(Math.Abs(mean - expected) < 4 * Math.Sqrt(expected / runs) + 1.0 / runs, $"mean {mean}, expected {expected}");
    }

    [Fact]
    public void Simulate_SelfExcitingIntensity_MatchesItsCompensator()
    {
        // λ(t) = μ + Σ α·β·e^{−β(t − t_i)}: decreasing between events, so the current λ bounds it until the next one.
        const double mu = 0.8, alpha = 0.5, beta = 2, horizon = 200;
        double Intensity(double t, IReadOnlyList<double> h)
        {
            double s = mu;
            foreach (var ti in h) s += alpha * beta * Math.Exp(-beta * (t - ti));
            return s;
        }
        var events = OgataThinning.Simulate(Intensity, (t, h) => Intensity(t, h) + 1e-12, horizon, new Random(5));
        // Compensator Λ(t) = μt + α Σ_{t_i<t} (1 − e^{−β(t − t_i)}), evaluated at each event from its history.
        var comp = new double[events.Length];
        for (int i = 0; i < events.Length; i++)
        {
            double t = events[i], s = mu * t;
            for (int j = 0; j < i; j++) s -= alpha * Fn.Expm1(-beta * (t - events[j]));
            comp[i] = s;
        }
        Assert.InRange(events.Length, 200, 600);   // stationary mean rate μ/(1 − α) = 1.6 → ≈ 320
        Assert.True(TimeRescaling.TestCompensator(comp).PValue > 1e-3);
    }

    [Fact]
    public void Simulate_IntensityAboveBound_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            OgataThinning.Simulate((_, _) => 2, 1, 100, new Random(1)));
        Assert.Contains("bound", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>("bound", () => OgataThinning.Simulate((_, _) => 1, double.NaN, 1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => OgataThinning.Simulate((_, _) => 1, 1, -1, new Random(1)));
    }

    [Fact]
    public void Simulate_ZeroBound_ReturnsNoEvents() =>
        Assert.Empty(OgataThinning.Simulate((_, _) => 0, 0, 10, new Random(1)));
}
