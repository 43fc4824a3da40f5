using Kairos.Environments.Toy;
using Kairos.Policies;
using Kairos.PointProcesses;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Tests.Simulation;

public class EpisodeRunnerTests
{
    /// <summary>Feedback at fixed times; an action schedules nothing.</summary>
    private sealed class ScriptedEnvironment(double[] feedbackTimes) : IEnvironment
    {
        public string Name => "scripted";
        public EpisodeSpec Spec { get; } = new(5, 1, 1);
        public IReadOnlyList<MetricDefinition> Metrics { get; } = [new("reward", "events", MetricDirection.HigherIsBetter, "feedback events taken")];
        public MetricDefinition Reward => Metrics[0];
        public IEpisode NewEpisode(Random rng) => new Episode(feedbackTimes);

        private sealed class Episode(double[] times) : IEpisode
        {
            private int _next;
            public double NextFeedbackTime => _next < times.Length ? times[_next] : double.PositiveInfinity;
            public Event TakeFeedback(Random rng) => new(times[_next++], EventKind.Feedback);
            public Event Act(double time, int mark, Random rng) => new(time, EventKind.Action, mark);
            public void Feedback(Span<double> z) => z[0] = _next;
            public IReadOnlyDictionary<string, double> Finish(Random rng) => new Dictionary<string, double> { ["reward"] = _next };
        }
    }

    /// <summary>Plans actions at fixed times and records what it observes, with the planned time at that moment.</summary>
    private sealed class ScriptedPolicy(double[] actionTimes, List<(Event E, double Planned)> seen) : IDeliveryPolicy
    {
        public string Name => "scripted";
        public string Kind => "scripted";
        public DecisionModes Modes => DecisionModes.Timing;
        public string ParameterHash => "none";
        public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => new State(actionTimes, seen);
        public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => throw new NotSupportedException();

        private sealed class State(double[] times, List<(Event, double)> seen) : IPolicyState
        {
            private int _next;
            public PlannedAction Next => new(_next < times.Length ? times[_next] : double.PositiveInfinity, 0);
            public void Observe(in Event e, ReadOnlySpan<double> feedback)
            {
                seen.Add((e, Next.Time));
                if (e.Kind == EventKind.Action) _next++;
            }
            public PolicySnapshot Snapshot() => throw new NotSupportedException();
        }
    }

    [Fact]
    public void Run_MergedEvents_ArriveInTimeOrderWithTiesToFeedbackAndNothingAfterTheHorizon()
    {
        // Given feedback at 1, 2.5, 4 and 7, and actions planned at 0.5, 2.5, 3 and 6, on the horizon T = 5
        var seen = new List<(Event E, double Planned)>();
        var env = new ScriptedEnvironment([1, 2.5, 4, 7]);

        var result = EpisodeRunner.Run(env, new ScriptedPolicy([0.5, 2.5, 3, 6], seen), seed: 1, index: 0);

        // Then the policy sees each event at its time (feedback first on the tie at 2.5), never one beyond T, and a
        // feedback event only once its time is not after the pending action (it was not revealed early)
        Assert.Equal([0.5, 1, 2.5, 2.5, 3, 4], seen.Select(s => s.E.Time));
        Assert.Equal([EventKind.Action, EventKind.Feedback, EventKind.Feedback, EventKind.Action, EventKind.Action, EventKind.Feedback],
            seen.Select(s => s.E.Kind));
        Assert.All(seen.Where(s => s.E.Kind == EventKind.Feedback), s => Assert.True(s.E.Time <= s.Planned));
        Assert.Equal(3, result.Actions);
        Assert.Equal(3, result.Reward);   // feedback events taken before T
    }

    [Fact]
    public void Evaluate_OneVersusTwoThreads_GivesIdenticalEpisodes()
    {
        // Given a stochastic environment and policies (a trained-size neural policy and a rate baseline)
        var env = new SwitchingEnvironment(10);
        var neural = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(2), hidden: 3);
        IDeliveryPolicy[] policies = [neural, new ToyRatePolicy("poisson", [1.0])];

        var one = Evaluator.Evaluate(env, policies, 24, seed: 9, maxDegreeOfParallelism: 1);
        var two = Evaluator.Evaluate(env, policies, 24, seed: 9, maxDegreeOfParallelism: 2);

        for (int p = 0; p < policies.Length; p++)
        {
            Assert.Equal(one[p].Episodes.Select(e => e.Actions), two[p].Episodes.Select(e => e.Actions));
            Assert.Equal(one[p].Values("reward").Select(BitConverter.DoubleToInt64Bits), two[p].Values("reward").Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.NotEqual(one[0].Values("reward"), Evaluator.Evaluate(env, policies, 24, seed: 10)[0].Values("reward"));   // seeds matter
    }
}
