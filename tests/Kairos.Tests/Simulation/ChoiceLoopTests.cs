using Kairos.Decisions;
using Kairos.Environments.Sequencing;
using Kairos.PointProcesses;
using Kairos.Policies;
using Kairos.Policies.Sequencing;
using Kairos.Pomdp;
using Kairos.Simulation;
using Kairos.Tests.Pomdp;

namespace Kairos.Tests.Simulation;

/// <summary>The event loop with a choice-only environment: a timing-only policy is refused, and a choice policy's
/// "none" reaches the environment (<see cref="IEpisode.Decline"/>) and the policy's own state.</summary>
public sealed class ChoiceLoopTests
{
    [Fact]
    public void TimingOnlyPolicy_InChoiceOnlyEnvironment_IsRefusedClearly()
    {
        var env = new SequencingEnvironment(DigestExamples.A(), 10);
        var e = Assert.Throws<PolicyContextException>(() => EpisodeRunner.Run(env, new UniformPolicy(1), seed: 1, index: 0));
        Assert.Contains("'uniform'", e.Message);
        Assert.Contains("'sequencing'", e.Message);
        Assert.Contains("Timing", e.Message);
        Assert.Contains("Choice", e.Message);
    }

    [Fact]
    public void None_IsDeclinedInTheEnvironment_AndRecordedByThePolicyState()
    {
        // A grid policy planned for 3 offers, customers visiting 8 times: whoever has not bought after 3 offers is
        // declined at the remaining visits.
        var problem = DigestExamples.A();
        var spy = new DeclineSpy(new SequencingEnvironment(problem, 8));
        var states = new List<IPolicyState>();
        var policy = new StateCapture(new GridSequencingPolicy(GridSolver.SolvePolicy(problem, 3, 0.5)), states);
        var results = Enumerable.Range(0, 40).Select(i => EpisodeRunner.Run(spy, policy, seed: 2, index: i)).ToList();

        long recorded = states.Sum(s => s.Snapshot().Integers[3]);
        Assert.True(spy.Declines > 0);
        Assert.Equal(spy.Declines, recorded);
        Assert.Equal(spy.Declines, results.Sum(r => r.Metrics["declines"]));
        Assert.Equal(spy.Declines, results.Sum(r => r.Decisions - r.Actions));
        Assert.All(results, r => Assert.True(r.Actions <= 3));
        // Customers who did not buy were asked at every visit and declined at the last 5.
        Assert.Equal(results.Count(r => r.Metrics["purchases"] == 0) * 5, spy.Declines);
    }

    private sealed class DeclineSpy(IEnvironment inner) : IEnvironment
    {
        private int _declines;
        public int Declines => _declines;
        public string Name => inner.Name;
        public EpisodeSpec Spec => inner.Spec;
        public DecisionModes Accepts => inner.Accepts;
        public IReadOnlyList<MetricDefinition> Metrics => inner.Metrics;
        public MetricDefinition Reward => inner.Reward;
        public IEpisode NewEpisode(Random rng) => new Episode(inner.NewEpisode(rng), this);

        private sealed class Episode(IEpisode inner, DeclineSpy spy) : IEpisode
        {
            public double NextFeedbackTime => inner.NextFeedbackTime;
            public Event TakeFeedback(Random rng) => inner.TakeFeedback(rng);
            public Event Act(double time, int mark, Random rng) => inner.Act(time, mark, rng);
            public void Decline(in Event opportunity, Random rng)
            {
                Assert.Equal(EventKind.Opportunity, opportunity.Kind);
                Interlocked.Increment(ref spy._declines);
                inner.Decline(opportunity, rng);
            }
            public void Feedback(Span<double> z) => inner.Feedback(z);
            public IReadOnlyDictionary<string, double> Finish(Random rng) => inner.Finish(rng);
        }
    }

    private sealed class StateCapture(IDeliveryPolicy inner, List<IPolicyState> states) : IDeliveryPolicy
    {
        public string Name => inner.Name;
        public string Kind => inner.Kind;
        public DecisionModes Modes => inner.Modes;
        public string ParameterHash => inner.ParameterHash;
        public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
        {
            var s = inner.CreateState(context, random);
            states.Add(s);
            return s;
        }
        public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => inner.Restore(snapshot, context);
    }
}
