using Kairos.Decisions;
using Kairos.Environments.Toy;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Tests.Environments.Toy;

/// <summary>The toys' objective reward − q/2∫λ² per episode: ∫λ² is integrated exactly from each policy's intensity
/// (closed forms against quadrature and against the training objective's own J), and the analytic optimum scores
/// highest in expectation on the objective while a faster policy wins on raw reward.</summary>
public sealed class ToyObjectiveTests
{
    private const double Q = 0.5, T = 10;

    /// <summary>∫_a^b f by composite Simpson with n (even) panels.</summary>
    private static double Simpson(Func<double, double> f, double a, double b, int n = 2000)
    {
        double h = (b - a) / n, sum = f(a) + f(b);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return sum * h / 3;
    }

    [Fact]
    public void NeuralState_SquaredIntegral_MatchesQuadratureOfItsIntensity_OnEveryPiece()
    {
        // Given a neural policy with a strong decay (w ≠ 0: the intensity moves within a piece) after a few events
        var env = new SwitchingEnvironment(T, intensityCost: Q);
        var init = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(4), hidden: 3);
        var theta = init.Parameters.ToArray();
        theta[init.Layout.W] = -0.7;
        var state = (NeuralTppState)new NeuralTppPolicy(init.Layout, theta).CreateState(env.Spec.Context, new DecisionRandom(5));
        (double From, double To)[] pieces = [(0, 0.8), (0.8, 2.1), (2.1, 2.6), (2.6, 5)];
        Event[] events = [new(0.8, EventKind.Feedback, 0, 1), new(2.1, EventKind.Action, 0, 1), new(2.6, EventKind.Feedback, 0, 0)];
        for (int k = 0; k < pieces.Length; k++)
        {
            var (a, b) = pieces[k];
            // Then the closed form equals the quadrature of λ(t)² of the same piece, also from inside the piece
            double exact = state.SquaredIntensityIntegral(a, b), mid = (a + b) / 2;
            double quadrature = Simpson(t => Math.Pow(state.Intensity(t), 2), a, b);
            Assert.Equal(quadrature, exact, 1e-9 * Math.Max(1, quadrature));
            Assert.Equal(Simpson(t => Math.Pow(state.Intensity(t), 2), mid, b), state.SquaredIntensityIntegral(mid, b), 1e-9 * Math.Max(1, quadrature));
            // and a wrong one, (∫λ)²/length, is rejected (the intensity is not constant)
            double wrong = Math.Pow(Simpson(state.Intensity, a, b), 2) / (b - a);
            Assert.True(Math.Abs(wrong - exact) > 1e-4 * exact, $"piece {k}: {wrong} vs {exact}");
            if (k < events.Length) state.Observe(events[k], [events[k].Value ?? 1]);
        }
    }

    [Fact]
    public void NeuralPolicy_EpisodePenalty_IsTheTrainingObjectivesPenalty()
    {
        // Given a recorded episode of a neural policy on the switching user
        var env = new SwitchingEnvironment(T, intensityCost: Q);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(2), hidden: 4, initialRate: 1.5);
        for (int i = 0; i < 5; i++)
        {
            var tape = new TpprlTape(policy.Layout);
            var result = EpisodeRunner.Run(env, policy.RecordingInto(tape), seed: 8, index: i);
            // Then the runner's penalty is q/2 times the J that training charges, and objective = reward − penalty
            double j = TpprlObjective.Evaluate(policy.Parameters, tape).SquaredIntensityIntegral;
            Assert.Equal(Q / 2 * j, result.Metrics[IntensityCost.Penalty], 1e-9 * j);
            Assert.Equal(result.Metrics["reward"] - result.Metrics[IntensityCost.Penalty], result.Metrics[IntensityCost.Objective], 1e-12);
            Assert.True(result.Metrics[IntensityCost.Penalty] > 0);
        }
    }

    [Fact]
    public void RatePolicy_Penalty_FollowsTheRevealedStates()
    {
        // Given the switching optimum (λ = 0.5 idle, 2 active) with its episodes recorded
        var env = new SwitchingEnvironment(T, intensityCost: Q);
        var runs = Evaluator.Evaluate(env, [new ToyRatePolicy("optimal", 0.5, 2)], 20, seed: 3, record: true)[0];
        foreach (var e in runs.Episodes)
        {
            // Then the penalty is q/2 Σ rate(state)²·(time in the state), the states read from the feedback events
            double integral = 0, last = 0, rate = 0.5;
            foreach (var f in e.Events!.Where(x => x.Kind == EventKind.Feedback))
            {
                integral += rate * rate * (f.Time - last);
                (last, rate) = (f.Time, f.Value == 1 ? 2 : 0.5);
            }
            integral += rate * rate * (T - last);
            Assert.Equal(Q / 2 * integral, e.Metrics[IntensityCost.Penalty], 1e-9);
        }
    }

    [Fact]
    public void Counting_TheOptimumScoresHighestOnTheObjective_WhileAFasterRateWinsOnReward()
    {
        // Given Poisson policies at rates 1, 2 = 1/q (the optimum) and 4 on the counting user
        var env = new CountingEnvironment(T, intensityCost: Q);
        double[] rates = [1, 2, 4];
        var runs = Evaluator.Evaluate(env, rates.Select(r => (IDeliveryPolicy)new ToyRatePolicy($"r{r}", r)).ToList(), 4000, seed: 5);
        for (int i = 0; i < rates.Length; i++)
        {
            // Then each mean objective is E[N] − q/2 r² T = T(r − q r²/2) (a penalty of q∫λ² or q/2(∫λ)² would miss)
            var s = runs[i].Summary(IntensityCost.Objective);
            double expected = T * (rates[i] - Q * rates[i] * rates[i] / 2);
            Assert.InRange(s.Mean, expected - 4 * s.StandardError, expected + 4 * s.StandardError);
        }
        double Mean(int i, string m) => runs[i].Summary(m).Mean;
        Assert.True(Mean(1, IntensityCost.Objective) > Mean(0, IntensityCost.Objective) + 1);
        Assert.True(Mean(1, IntensityCost.Objective) > Mean(2, IntensityCost.Objective) + 5);
        Assert.True(Mean(2, "reward") > Mean(1, "reward") + 10);   // the raw reward ranks the other way
    }

    [Fact]
    public void Switching_TheOptimumReachesJStar_AndBeatsPoissonAndADoubledOptimumOnTheObjectiveOnly()
    {
        var env = new SwitchingEnvironment(T, intensityCost: Q);
        IDeliveryPolicy[] policies = [new ToyRatePolicy("optimal", 0.5, 2), new ToyRatePolicy("poisson", 1.25), new ToyRatePolicy("doubled", 1, 4)];
        var runs = Evaluator.Evaluate(env, policies, 4000, seed: 6);
        var optimal = runs[0].Summary(IntensityCost.Objective);
        double jStar = env.OptimalObjective(Q);   // 5.3125
        Assert.InRange(optimal.Mean, jStar - 4 * optimal.StandardError, jStar + 4 * optimal.StandardError);
        Assert.True(optimal.Mean > runs[1].Summary(IntensityCost.Objective).Mean + 0.8);   // constant rate: 3.906
        Assert.True(optimal.Mean > runs[2].Summary(IntensityCost.Objective).Mean + 3);     // doubled: 0
        Assert.True(runs[2].Summary("reward").Mean > runs[0].Summary("reward").Mean + 5);
    }

    [Fact]
    public void APolicyWithoutAnIntensity_IsRefusedWhereTheObjectiveIsScored_AndRunsWhereItIsNot()
    {
        var policy = new Kairos.Policies.Broadcasting.PiecewiseRatePolicy([1.0, 2.0], T);
        var e = Assert.Throws<PolicyContextException>(() => EpisodeRunner.Run(new CountingEnvironment(T, intensityCost: Q), policy, 1, 0));
        Assert.Contains("does not expose its intensity", e.Message);
        Assert.DoesNotContain(IntensityCost.Objective, EpisodeRunner.Run(new CountingEnvironment(T), policy, 1, 0).Metrics.Keys);
    }
}
