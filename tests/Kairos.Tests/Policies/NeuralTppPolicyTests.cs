using Kairos.Environments.Toy;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Tests.Policies;

public class NeuralTppPolicyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Run_WithFeedbackEvents_DrawsOneTimeUniformPerAction(int marks)
    {
        // Given the switching user (feedback at t = 0 and at every switch) or the counting env with marks.
        IEnvironment env = marks == 1 ? new SwitchingEnvironment(20, switchRate: 2) : new CountingEnvironment(20, marks);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(1), hidden: 4);
        NeuralTppState? state = null;
        var tape = new TpprlTape(policy.Layout);

        // When one episode runs
        var result = EpisodeRunner.Run(env, new Capture(policy, tape, s => state = s), new Random(2), new DecisionRandom(9));

        // Then Algorithm 2 drew one uniform per action plus the pending one (+1 per action for the mark when marked),
        // however many feedback events refined the pending sample.
        Assert.NotNull(state);
        Assert.True(result.Actions > 3, $"only {result.Actions} actions");
        int feedback = tape.Count - tape.OwnCount;
        if (marks == 1) Assert.True(feedback > 3, $"only {feedback} feedback events");
        Assert.Equal(result.Actions + 1, state!.TimeUniforms);
        Assert.Equal((result.Actions + 1) * (marks > 1 ? 2 : 1), state.Snapshot().RandomIndex);
    }

    private sealed class Capture(NeuralTppPolicy policy, TpprlTape tape, Action<NeuralTppState> seen) : IDeliveryPolicy
    {
        public string Name => policy.Name;
        public string Kind => policy.Kind;
        public DecisionModes Modes => policy.Modes;
        public string ParameterHash => policy.ParameterHash;
        public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
        {
            var s = policy.CreateState(context, random, tape);
            seen(s);
            return s;
        }
        public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => throw new NotSupportedException();
    }

    [Fact]
    public void SaveLoad_RoundTrip_IsBitIdentical()
    {
        var env = new CountingEnvironment(10, 4);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(4), hidden: 5, features: new ElapsedTimeFeatures());
        var json = NeuralTppPolicyFile.ToJson(policy, "toy-counting");
        var loaded = NeuralTppPolicyFile.FromJson(json, new ElapsedTimeFeatures());
        Assert.Equal(policy.Layout, loaded.Layout);
        Assert.True(policy.Parameters.SequenceEqual(loaded.Parameters));
        for (int i = 0; i < policy.Parameters.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(policy.Parameters[i]), BitConverter.DoubleToInt64Bits(loaded.Parameters[i]));
        Assert.Equal(json, NeuralTppPolicyFile.ToJson(loaded, "toy-counting"));
    }

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 2", "version 2 is newer than this kairos supports (1)")]
    [InlineData("\"version\": 1", "\"version\": 0", "version 0 is invalid")]
    [InlineData("\"format\": \"kairos.tpprl-policy\"", "\"format\": \"kairos.other\"", "field 'format' is 'kairos.other'")]
    [InlineData("\"features\": \"elapsed-time\"", "\"features\": null", "trained with event features 'none'")]
    public void Load_WrongFile_FailsWithAClearMessage(string from, string to, string message)
    {
        var env = new CountingEnvironment(10);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(4), hidden: 2, features: new ElapsedTimeFeatures());
        var text = System.Text.Encoding.UTF8.GetString(NeuralTppPolicyFile.ToJson(policy)).Replace(from, to);
        Assert.Contains(to, text);
        var e = Assert.Throws<UserInputException>(() =>
            NeuralTppPolicyFile.FromJson(System.Text.Encoding.UTF8.GetBytes(text), new ElapsedTimeFeatures(), "p.json"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("p.json", e.Message);
    }

    [Fact]
    public void CreateState_EnvironmentWithOtherMarks_Throws()
    {
        var policy = NeuralTppPolicy.Initialize(new CountingEnvironment(10, 3).Spec.Context, new Random(1));
        var e = Assert.Throws<PolicyContextException>(() => policy.CreateState(new CountingEnvironment(10, 4).Spec.Context, new DecisionRandom(1)));
        Assert.Contains("3 marks", e.Message);
    }
}
