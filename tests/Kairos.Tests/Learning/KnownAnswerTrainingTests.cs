using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.PointProcesses;
using Kairos.Policies;
using Xunit.Abstractions;

namespace Kairos.Tests.Learning;

public class KnownAnswerTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_CountingReward_ReachesConstantIntensityOneOverQ()
    {
        // Given reward = N(T) and cost q/2 ∫λ² with q = 0.5: λ* = 1/q = 2 (CountingEnvironment), from a poor start λ ≈ 0.2.
        var env = new CountingEnvironment(horizon: 10);
        const double q = 0.5;
        var start = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(3), hidden: 4);
        var theta = start.Parameters.ToArray();
        theta[start.Layout.B] = Math.Log(0.2);
        start = new NeuralTppPolicy(start.Layout, theta);
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions
        {
            Iterations = 1000, BatchSize = 32, LearningRate = 0.05, LearningRateDecay = 0.01,
            Regularizers = new RegularizerWeights(q), Seed = 7, EvaluateEvery = 0, Baseline = BaselineKind.LeaveOneOutCausal,
        });

        // When (the objective is flat near λ*, so the rate needs a decaying step: seeds 1–8 gave 1.82–2.13)
        var result = trainer.Train(start);

        // Then the mean intensity ∫λ/T over held-out episodes is within 10% of 2.
        var eval = trainer.Evaluate(result.Policy, 200, seed: 99);
        double meanIntensity = eval.IntensityIntegral / env.Spec.Horizon;
        output.WriteLine($"mean intensity {meanIntensity}, objective {eval.Objective} (optimum {env.Spec.Horizon / (2 * q)})");
        Assert.InRange(meanIntensity, 0.9 * 2, 1.1 * 2);
    }

    [Fact]
    public void Train_SwitchingUser_ReachesTheFeedbackDependentOptimum()
    {
        // Given an active/idle user revealed by feedback, rewards r₁ = 1, r₀ = 0.25 per action and q = 0.5:
        // λ*(t) = r_{s(t)}/q (2 when active, 0.5 when idle), worth J* = T (r₁² + r₀²)/(4q) = 5.3125 for T = 10.
        // The best constant intensity only reaches 0.390625·T = 3.906 (73.5% of J*), so 90% needs the feedback.
        var env = new SwitchingEnvironment(horizon: 10);
        const double q = 0.5;
        double optimum = env.OptimalObjective(q);
        Assert.Equal(5.3125, optimum, 1e-12);
        var start = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(3), hidden: 4);
        var theta = start.Parameters.ToArray();
        theta[start.Layout.B] = Math.Log(0.2);
        start = new NeuralTppPolicy(start.Layout, theta);
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions
        {
            Iterations = 1000, BatchSize = 32, LearningRate = 0.05, LearningRateDecay = 0.01,
            Regularizers = new RegularizerWeights(q), Seed = 7, EvaluateEvery = 0, Baseline = BaselineKind.LeaveOneOutCausal,
        });

        var result = trainer.Train(start);

        var eval = trainer.Evaluate(result.Policy, 2000, seed: 99);
        output.WriteLine($"objective {eval.Objective} vs optimum {optimum}; actions {eval.Actions}");
        Assert.True(eval.Objective >= 0.9 * optimum, $"objective {eval.Objective} < 90% of {optimum}");
        // And the intensity follows the feedback. The objective is flat near λ*: missing by δ costs only q/2·δ² per time
        // unit (0.034 for δ = 0.37 while active), so the per-state rates are checked loosely — active within 20% of 2,
        // idle within 40% of 0.5 (seeds 1–8: 1.71–2.01 and 0.35–0.55) — and their ratio (4 at the optimum, 1 for any
        // constant policy) must exceed 2.
        var (active, idle) = IntensityByState(env, result.Policy, 200);
        output.WriteLine($"mean λ active {active}, idle {idle}");
        Assert.InRange(active, 0.8 * 2, 1.2 * 2);
        Assert.InRange(idle, 0.6 * 0.5, 1.4 * 0.5);
        Assert.True(active / idle > 2, $"active/idle = {active / idle}");
    }

    private static (double Active, double Idle) IntensityByState(SwitchingEnvironment env, NeuralTppPolicy policy, int episodes)
    {
        var tape = new TpprlTape(policy.Layout);
        var theta = policy.Parameters.ToArray();
        double[] mass = new double[2], time = new double[2];
        for (int i = 0; i < episodes; i++)
        {
            Kairos.Simulation.EpisodeRunner.Run(env, policy.RecordingInto(tape), 4242, i);
            for (int k = 1; k <= tape.Count; k++)   // interval after event k has state z_k[0]
            {
                int s = (int)tape.Features(k)[0];
                double end = k < tape.Count ? tape.Time(k + 1) : tape.Horizon;
                double c = TpprlCell.LogIntensity(theta, policy.Layout, tape.State(k));
                mass[s] += ExponentialInTimeKernel.CumulativeHazard(c, theta[policy.Layout.W], end - tape.Time(k));
                time[s] += end - tape.Time(k);
            }
        }
        return (mass[1] / time[1], mass[0] / time[0]);
    }
}
