using Kairos.Decisions;
using Kairos.Environments.Toy;
using Kairos.Neural;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Tests.Neural;

/// <summary>The wait-then-burst start: ramp to the first action, latch, burst rate sized to the budget.</summary>
public sealed class TpprlBurstStartTests
{
    private const double T = 10, Lead = 1, Kappa = 6, Budget = 100;
    private const double EulerGamma = 0.5772156649015329;

    private static NeuralTppPolicy Burst(CountingEnvironment env, int hidden, double budget = Budget, double lead = Lead, double kappa = Kappa)
    {
        var fresh = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(4), hidden, initialRate: 4);
        var theta = fresh.Parameters.ToArray();
        TpprlBurstStart.Apply(theta, fresh.Layout, env.Spec.Horizon, budget, lead, kappa);
        return new NeuralTppPolicy(fresh.Layout, theta);
    }

    /// <summary>Episodes' recorded tapes (times and states of every action).</summary>
    private static List<TpprlTape> Episodes(NeuralTppPolicy policy, IEnvironment env, int n)
    {
        var tapes = new List<TpprlTape>(n);
        for (int i = 0; i < n; i++)
        {
            var tape = new TpprlTape(policy.Layout);
            EpisodeRunner.Run(env, policy.RecordingInto(tape), 11, i);
            tapes.Add(tape);
        }
        return tapes;
    }

    /// <summary>P(t₁ ≤ t) = 1 − exp(−(e^{κ(t − t_m)} − e^{−κ t_m})) under λ = κe^{κ(t − t_m)}.</summary>
    private static double FirstActionCdf(double t, double tm) => 1 - Math.Exp(-(Math.Exp(Kappa * (t - tm)) - Math.Exp(-Kappa * tm)));

    [Fact]
    public void BeforeTheFirstAction_IntensityIsTheRamp()
    {
        var env = new CountingEnvironment(T, 3);
        var policy = Burst(env, 4);
        var state = (IIntensityView)policy.CreateState(env.Spec.Context, new DecisionRandom(1, 0));
        foreach (double t in new[] { 0.5, 6.0, 8.7, 9.9 })
        {
            double expected = Kappa * Math.Exp(Kappa * (t - (T - Lead)));
            Assert.True(Math.Abs(state.Intensity(t) / expected - 1) < 1e-12, $"λ({t}) = {state.Intensity(t):R}, expected {expected:R}");
        }
    }

    [Fact]
    public void FirstActionTimes_FollowTheRampsLaw_AndRejectAShiftedOne()
    {
        // Given 400 episodes of a burst start
        var env = new CountingEnvironment(T, 3);
        var first = Episodes(Burst(env, 4), env, 400).Select(tape => tape.Time(1)).ToArray();

        // Then the first action times pass a KS test against the ramp's closed form, and not against the law of a ramp
        // half a spread (0.5/κ) later
        double tm = T - Lead;
        var ks = KolmogorovSmirnov.Test(first, t => FirstActionCdf(t, tm));
        Assert.True(ks.PValue > 1e-3, $"KS p = {ks.PValue:G3} (D = {ks.Statistic:G3})");
        var wrong = KolmogorovSmirnov.Test(first, t => FirstActionCdf(t, tm + 0.5 / Kappa));
        Assert.True(wrong.PValue < 1e-3, $"a shifted law was not rejected: p = {wrong.PValue:G3}");
    }

    [Fact]
    public void AfterTheFirstAction_TheLatchHoldsAndTheBurstSpendsTheBudget()
    {
        // Given a policy whose only unit is the latch: after the first action λ = e^{b + v tanh(g…) + κs} ≈ R e^{κs}
        var env = new CountingEnvironment(T, 1);
        var policy = Burst(env, 1);
        var tapes = Episodes(policy, env, 400);

        // Then the latch is on from the first action on (tanh g, then ≥ tanh 2g)
        foreach (var tape in tapes.Take(20))
        {
            Assert.Equal(Math.Tanh(TpprlBurstStart.LatchGain), tape.State(1)[0], 12);
            for (int k = 2; k <= tape.Count; k++) Assert.True(tape.State(k)[0] > 1 - 1e-9);
        }
        // And the mean count is N within 4 standard errors, which are small enough (≈ 1.1%) to reject a burst rate
        // that left out the mean delay γ/κ of the first action (≈ 10% more actions)
        var counts = tapes.Select(t => (double)t.OwnCount).ToArray();
        double mean = counts.Average(), se = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (counts.Length - 1) / counts.Length);
        Assert.True(Math.Abs(mean - Budget) < 4 * se, $"mean {mean:F2} ± {se:F2}, budget {Budget}");
        double wrong = Budget * TpprlBurstStart.MeanBurstLength(Lead, Kappa) / Lead;
        Assert.True(Math.Abs(mean - wrong) > 4 * se, $"mean {mean:F2} ± {se:F2} does not reject {wrong:F2}");
        Assert.Equal(Lead + EulerGamma / Kappa, TpprlBurstStart.MeanBurstLength(Lead, Kappa), 15);
    }

    [Fact]
    public void Gradient_OfABurstEpisode_MatchesCentralDifferences()
    {
        // Given an episode of a burst start on a short horizon (b ≈ −34, v_latch ≈ 36: the regime the start trains in)
        var env = new CountingEnvironment(5, 3);
        var policy = Burst(env, 3, budget: 40, lead: 0.5, kappa: 8);
        var tape = Episodes(policy, env, 1)[0];
        Assert.InRange(tape.OwnCount, 5, 150);
        var theta = policy.Parameters.ToArray();
        var q = new RegularizerWeights(0);

        // Then ∇ log p(τ) by backpropagation equals extrapolated central differences, coordinate by coordinate
        var g = new double[theta.Length];
        TpprlObjective.Accumulate(theta, tape, 1.0, q, 0, g);
        double LogLikelihood(double[] p)
        {
            tape.Recompute(p);
            return TpprlObjective.Evaluate(p, tape).LogLikelihood;
        }
        GradientCheck.AssertGradient(LogLikelihood, theta, g, "burst start");
        // and the saturated latch's own weights get exactly zero gradient, so training leaves the latch as started
        var l = policy.Layout;
        int j = l.Hidden - 1;
        var latch = new[] { l.Wt + j, l.Bh + j, l.Wr + j * l.FeatureSize, l.Wh + j * l.Hidden, l.Wh + j * l.Hidden + j }
            .Concat(Enumerable.Range(0, l.EmbeddingRows).Select(x => l.Wm + x * l.Hidden + j));
        Assert.All(latch, i => Assert.Equal(0.0, g[i]));
    }

    [Theory]
    [InlineData(10.0, 40, 10, 6, "the lead must lie in (0, 10)")]
    [InlineData(10.0, 40, 1, 2, "κ·lead = 2 is below 3")]
    [InlineData(100.0, 40, 1, 6, "beyond ±300")]
    [InlineData(10.0, 20, 1, 6, "is a rate below 4·κ")]
    [InlineData(10.0, 0, 1, 6, "the budget must be finite and > 0")]
    [InlineData(10.0, 40, 1, double.NaN, "the sharpness κ must be finite and > 0")]
    public void BadSettings_AreNamed_AndApplyRefusesThem(double horizon, double budget, double lead, double kappa, string fragment)
    {
        Assert.Contains(TpprlBurstStart.Problems(horizon, budget, lead, kappa), p => p.Contains(fragment));
        var layout = new TpprlLayout(2, 1, 1, 0);
        var e = Assert.Throws<ArgumentException>(() => TpprlBurstStart.Apply(new double[layout.Length], layout, horizon, budget, lead, kappa));
        Assert.Contains(fragment, e.Message);
        Assert.Empty(TpprlBurstStart.Problems(10, 40, 1, 6));
    }
}
