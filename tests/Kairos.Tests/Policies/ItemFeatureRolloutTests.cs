using Kairos.Decisions;
using Kairos.Neural;
using Kairos.PointProcesses;
using Kairos.Policies;
using Kairos.Scenarios;
using Kairos.Simulation;
using Kairos.Tests.Neural;

namespace Kairos.Tests.Policies;

/// <summary>A TPPRL policy whose mark head weighs per-item memory features (spaced-repetition-fsrs-memory): the marks
/// it draws follow the law the objective scores, softmax(V_y h + Φ(t)u) with Φ recorded at each action, and the
/// recorded Φ is what the history says.</summary>
public class ItemFeatureRolloutTests
{
    private static readonly FsrsSpacedRepetitionScenario Memory = new(memory: true);

    private static (NeuralTppPolicy Policy, TpprlTape Tape, EpisodeResult Result) Rollout(int seed, double rate)
    {
        var env = Memory.CreateEnvironment();
        var init = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(seed), hidden: 4, features: Memory.EventFeatures,
            initialRate: rate, items: Memory.ItemFeatures);
        var theta = init.Parameters.ToArray();
        var layout = init.Layout;
        // Weigh "forgotten now" and "gain at the test" strongly, so the features, not the state, drive the marks.
        theta[layout.U] = 6;
        theta[layout.U + 2] = 20;
        var policy = new NeuralTppPolicy(layout, theta, Memory.EventFeatures, items: Memory.ItemFeatures);
        var tape = new TpprlTape(layout);
        var result = EpisodeRunner.Run(env, policy.RecordingInto(tape), seed, 0);
        return (policy, tape, result);
    }

    [Fact]
    public void Marks_follow_the_softmax_of_state_and_features_at_each_action()
    {
        var (policy, tape, _) = Rollout(3, 100);
        var layout = policy.Layout;
        int a = layout.ActionMarks, g = layout.ItemFeatureSize;
        Assert.True(tape.OwnCount > 1000);
        var logp = new double[a];
        double loglik = 0, loglikWithoutFeatures = 0;
        double[] expected = new double[a], variance = new double[a], observed = new double[a];
        for (int k = 1; k <= tape.Count; k++)
        {
            NaiveMarkLaw.LogProbabilities(policy.Parameters, layout, tape.State(k - 1), logp);
            loglikWithoutFeatures += logp[tape.Mark(k)];
            var phi = tape.ItemFeatures(k);
            for (int m = 0; m < a; m++)
                for (int j = 0; j < g; j++) logp[m] += policy.Parameters[layout.U + j] * phi[m * g + j];
            double lse = Kairos.Numerics.Fn.LogSumExp(logp);
            for (int m = 0; m < a; m++)
            {
                double p = Math.Exp(logp[m] - lse);
                expected[m] += p;
                variance[m] += p * (1 - p);
            }
            loglik += logp[tape.Mark(k)] - lse;
            observed[tape.Mark(k)]++;
        }
        for (int m = 0; m < a; m++)
            Assert.True(Math.Abs(observed[m] - expected[m]) < 4.5 * Math.Sqrt(variance[m]) + 1,
                $"item {m}: {observed[m]} observed, {expected[m]:F1} expected");
        // The features matter: the marks are far likelier under the law with them than under the state-only law.
        Assert.True(loglik > loglikWithoutFeatures + 40, $"{loglik:F1} vs {loglikWithoutFeatures:F1}");
    }

    [Fact]
    public void Recorded_features_are_those_of_the_observed_history()
    {
        var (policy, tape, _) = Rollout(5, 20);
        var context = Memory.CreateEnvironment().Spec.Context;
        var replay = Memory.ItemFeatures!.Start(context);
        var phi = new double[tape.ItemFeatures(1).Length];
        for (int k = 1; k <= tape.Count; k++)
        {
            replay.WriteItems(tape.Time(k), phi);
            Assert.Equal(phi, tape.ItemFeatures(k).ToArray());
            var z = tape.Features(k);
            replay.Observe(new Event(tape.Time(k), EventKind.Action, tape.Mark(k), z[0]), z[..2]);
        }
        Assert.True(tape.OwnCount > 100);
        _ = policy;
    }

    [Fact]
    public void Inference_and_recording_plan_the_same_actions()
    {
        var (policy, tape, recorded) = Rollout(7, 30);
        var plain = EpisodeRunner.Run(Memory.CreateEnvironment(), policy, 7, 0);
        Assert.Equal(tape.OwnCount, plain.Actions);
        Assert.Equal(recorded.Metrics, plain.Metrics);
    }

    [Fact]
    public void Policy_file_round_trips_and_refuses_other_features()
    {
        var (policy, _, _) = Rollout(2, 5);
        var json = NeuralTppPolicyFile.ToJson(policy, Memory.Name);
        var back = NeuralTppPolicyFile.FromJson(json, Memory.EventFeatures, "p.json", Memory.ItemFeatures);
        Assert.Equal(policy.Parameters.ToArray(), back.Parameters.ToArray());
        Assert.Equal(policy.ParameterHash, back.ParameterHash);
        var e = Assert.Throws<UserInputException>(() => NeuralTppPolicyFile.FromJson(json, Memory.EventFeatures, "p.json"));
        Assert.Contains("per-item features 'fsrs-memory'", e.Message);
    }
}
