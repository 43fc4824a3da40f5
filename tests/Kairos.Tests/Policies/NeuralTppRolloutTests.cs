using Kairos.Environments.Toy;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Tests.Neural;

namespace Kairos.Tests.Policies;

public class NeuralTppRolloutTests
{
    private static (NeuralTppPolicy Policy, TpprlTape Tape, CountingEnvironment Env) Rollout(int marks, double horizon, int seed)
    {
        var env = new CountingEnvironment(horizon, marks);
        var init = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(seed), hidden: 4);
        var theta = init.Parameters.ToArray();
        var rng = new Random(seed + 1);
        for (int i = init.Layout.Vy; i < theta.Length; i++) theta[i] = 1.5 * (2 * rng.NextDouble() - 1);   // distinct marks
        theta[init.Layout.B] = Math.Log(3);   // λ ≡ 3: v = 0, w = 0 (the states still drive the marks)
        theta[init.Layout.W] = 0;
        Array.Clear(theta, init.Layout.V, init.Layout.Hidden);
        var policy = new NeuralTppPolicy(init.Layout, theta);
        var tape = new TpprlTape(policy.Layout);
        EpisodeRunner.Run(env, policy.RecordingInto(tape), seed, 0);
        return (policy, tape, env);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Rollout_RecordedStatesAndOutputs_EqualARecomputeFromTheInputs(int marks)
    {
        // Given an episode recorded by the policy itself (what BPTT consumes)
        var (policy, tape, _) = Rollout(marks, 20, 3);
        Assert.True(tape.Count > 20);
        int k0 = tape.Count;
        var states = Enumerable.Range(0, k0 + 1).Select(k => tape.State(k).ToArray()).ToArray();
        var outputs = Enumerable.Range(0, k0 + 1).Select(k => (tape.LogIntensity(k), tape.MarkSummary(k))).ToArray();

        // When the states are recomputed from the recorded inputs
        tape.Recompute(policy.Parameters);

        // Then they agree bit for bit: the rollout and the gradient see the same network
        for (int k = 0; k <= k0; k++)
        {
            Assert.Equal(states[k], tape.State(k).ToArray());
            Assert.Equal(outputs[k], (tape.LogIntensity(k), tape.MarkSummary(k)));
        }
    }

    [Fact]
    public void Rollout_Marks_FollowTheSoftmaxOfTheStateAtEachAction()
    {
        // Given ≈ 3,000 actions over 5 marks with state-dependent mark laws p_{k−1} = softmax(V_y h_{k−1})
        const int a = 5;
        var (policy, tape, _) = Rollout(a, 1000, 8);
        var layout = policy.Layout;
        var logp = new double[a];
        double[] expected = new double[a], variance = new double[a], wrong = new double[a], observed = new double[a];
        for (int k = 1; k <= tape.Count; k++)
        {
            NaiveMarkLaw.LogProbabilities(policy.Parameters, layout, tape.State(k - 1), logp);
            for (int m = 0; m < a; m++)
            {
                double p = Math.Exp(logp[m]);
                expected[m] += p;
                variance[m] += p * (1 - p);
                wrong[m] += 1.0 / a;
            }
            observed[tape.Mark(k)]++;
        }
        // Then each mark's count is within 4 standard deviations of Σ_k p_{k−1}(m) (a sum of independent Bernoullis)
        for (int m = 0; m < a; m++)
            Assert.True(Math.Abs(observed[m] - expected[m]) < 4 * Math.Sqrt(variance[m]),
                $"mark {m}: {observed[m]} observed, {expected[m]:F1} expected");
        // and the same counts reject uniform marks (power of the check)
        Assert.Contains(Enumerable.Range(0, a), m => Math.Abs(observed[m] - wrong[m]) > 4 * Math.Sqrt(variance[m]));
    }
}
