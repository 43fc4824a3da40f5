using Kairos.Decisions;
using Kairos.Policies;

namespace Kairos.Tests.Policies;

/// <summary>The per-item policy's log-likelihood: the gradient of a whole recorded episode against central differences
/// (the suite's rule), the interval's ∫Σλ closed form against quadrature, and the tape's running sum against a
/// recomputation.</summary>
public class PerItemHazardLikelihoodTests
{
    [Theory]
    [InlineData(1, 12, -0.2, null)]
    [InlineData(2, 4, 0.3, null)]
    [InlineData(3, 20, -1.0, 0.37)]   // with feedback events: intervals that end without an action
    public void Episode_score_matches_central_differences(int seed, double sharpness, double w, double? feedbackEvery)
    {
        var policy = PerItemHazardFixtures.Policy(sharpness, w);
        var tape = new PerItemHazardTape(policy.Layout, keepIntervals: true);
        var state = policy.CreateState(PerItemHazardFixtures.Context, new DecisionRandom(DecisionRandom.KeyFor(seed, 0)), tape);
        int actions = PerItemHazardFixtures.Run(state, seed, feedbackEvery: feedbackEvery);
        tape.Finish(PerItemHazardFixtures.Context.End("test"));
        Assert.InRange(actions, 5, 2000);
        Assert.Equal(actions, tape.Actions);
        var theta = policy.Parameters.ToArray();
        double recomputed = tape.LogLikelihoodAt(theta);
        Assert.True(Math.Abs(recomputed - tape.LogLikelihood) <= 1e-12 * Math.Abs(recomputed), $"{recomputed:R} vs {tape.LogLikelihood:R}");
        GradientCheck.AssertGradient(p => tape.LogLikelihoodAt(p), theta, tape.Score, "per-item episode score");
        Assert.All(tape.Score, g => Assert.True(Math.Abs(g) > 1e-6, "every parameter moves the likelihood"));
    }

    [Theory]
    [InlineData(0.3, -2.0)]
    [InlineData(2.5, 0.0)]
    [InlineData(7.0, 1.5)]
    public void Interval_integral_matches_quadrature(double delta, double w)
    {
        var policy = PerItemHazardFixtures.Policy(15, w);
        var l = policy.Layout;
        var rng = new Random(5);
        double[] shared = [.. Enumerable.Range(0, l.Shared).Select(_ => rng.NextDouble())];
        double[] phi = [.. Enumerable.Range(0, l.Marks * l.Features).Select(_ => rng.NextDouble())];
        double[] dot = [.. Enumerable.Range(0, phi.Length).Select(_ => 0.2 * (rng.NextDouble() - 0.5))];
        var c = new double[l.Marks];
        var omega = new double[l.Marks];
        PerItemHazardLikelihood.Rates(policy.Parameters, l, shared, phi, dot, c, omega);
        double ll = PerItemHazardLikelihood.Interval(policy.Parameters, l, shared, phi, dot, delta, -1, default, out double integral);
        // Composite Simpson, 20,000 panels: error ~ Δ⁵ max|f⁗|/(180 n⁴), far below the tolerance.
        int n = 20000;
        double h = delta / n, sum = 0;
        for (int k = 0; k <= n; k++)
        {
            double s = k * h, f = 0;
            for (int i = 0; i < l.Marks; i++) f += Math.Exp(c[i] + omega[i] * s);
            sum += f * (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2);
        }
        double quadrature = sum * h / 3;
        Assert.True(Math.Abs(integral - quadrature) <= 1e-10 * quadrature, $"closed form {integral:R}, Simpson {quadrature:R}");
        Assert.Equal(-integral, ll);
    }

    [Theory]
    [InlineData(4, 30.0, null)]
    [InlineData(5, 80.0, 0.37)]   // with feedback events: pieces that refine a pending time, intervals without an action
    public void Clock_episode_score_matches_central_differences(int seed, double kappa, double? feedbackEvery)
    {
        var policy = PerItemHazardFixtures.ClockPolicy(kappa);
        var tape = new PerItemHazardTape(policy.Layout, keepIntervals: true);
        var state = policy.CreateState(PerItemHazardFixtures.Context, new DecisionRandom(DecisionRandom.KeyFor(seed, 0)), tape);
        int actions = PerItemHazardFixtures.Run(state, seed, feedbackEvery: feedbackEvery);
        tape.Finish(PerItemHazardFixtures.Context.End("test"));
        Assert.InRange(actions, 10, 2000);
        Assert.Equal(actions, tape.Actions);
        var theta = policy.Parameters.ToArray();
        double recomputed = tape.LogLikelihoodAt(theta);
        Assert.True(Math.Abs(recomputed - tape.LogLikelihood) <= 1e-12 * Math.Abs(recomputed), $"{recomputed:R} vs {tape.LogLikelihood:R}");
        GradientCheck.AssertGradient(p => tape.LogLikelihoodAt(p), theta, tape.Score, "per-item clock episode score");
        Assert.All(tape.Score, g => Assert.True(Math.Abs(g) > 1e-6, "every parameter moves the likelihood"));
    }

    /// <summary>∫Σλ over an interval on the retrievability clock against Simpson on each item's open part: the
    /// intensity e^{c + κ(−ln R̂(t))} with R̂ = (1 + factor·(t − η)/S)^(−d) computed directly, not by the kernel.</summary>
    [Theory]
    [InlineData(0.3, 30.0)]
    [InlineData(2.5, 12.0)]
    [InlineData(7.0, 60.0)]
    public void Clock_interval_integral_matches_quadrature(double delta, double kappa)
    {
        var policy = PerItemHazardFixtures.ClockPolicy(kappa);
        var l = policy.Layout;
        var p = Kairos.Models.SpacedRepetition.Fsrs.FsrsParameters.Default;
        var rng = new Random(5);
        double[] shared = [.. Enumerable.Range(0, l.Shared).Select(_ => rng.NextDouble())];
        double[] phi = [.. Enumerable.Range(0, l.Marks * l.Features).Select(_ => rng.NextDouble())];
        // Item i: stability S_i, reviewed e_i days before the interval's start (items 0 and 3 still inside the floor).
        double[] stability = [0.4, 2.3, 9.0, 1.1, 30.0], elapsed = [0.25, 1.5, 6.0, 0.9, 12.0];
        var clocks = new double[l.TimeInputs];
        for (int i = 0; i < l.Marks; i++)
        {
            double lead = Math.Max(FsrsItemFeatures.ClockFloor - elapsed[i], 0), x = 1 + p.Factor * (elapsed[i] + lead) / stability[i];
            (clocks[4 * i], clocks[4 * i + 1], clocks[4 * i + 2], clocks[4 * i + 3]) = (Math.Log(x), p.Factor / (stability[i] * x), p.Decay, lead);
        }
        var c = new double[l.Marks];
        var omega = new double[l.Marks];
        PerItemHazardLikelihood.Rates(policy.Parameters, l, shared, phi, clocks, c, omega);
        double ll = PerItemHazardLikelihood.Interval(policy.Parameters, l, shared, phi, clocks, delta, -1, default, out double integral);
        double quadrature = 0;
        for (int i = 0; i < l.Marks; i++)
        {
            double baseLog = c[i] - omega[i] * clocks[4 * i];   // b + γᵀs + uᵀφ_i
            double from = clocks[4 * i + 3];
            if (!(delta > from)) continue;
            int n = 20000;
            double h = (delta - from) / n, sum = 0;
            for (int k = 0; k <= n; k++)
            {
                double r = Math.Pow(1 + p.Factor * (elapsed[i] + from + k * h) / stability[i], -p.Decay);
                sum += Math.Exp(baseLog + kappa * -Math.Log(r)) * (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2);
            }
            quadrature += sum * h / 3;
        }
        Assert.True(quadrature > 0);
        Assert.True(Math.Abs(integral - quadrature) <= 1e-9 * quadrature, $"closed form {integral:R}, Simpson {quadrature:R}");
        Assert.Equal(-integral, ll);
    }
}
