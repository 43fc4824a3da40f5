using System.Globalization;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// A randomized logging policy for choice settings: at each opportunity it acts with probability ρ
/// (<see cref="ActProbability"/>), with a mark drawn uniformly among the m marks, and otherwise declines. Every
/// decision carries its exact propensity (ρ/m for "act with k", 1 − ρ for "none"), which is what off-policy
/// evaluation of any other policy needs from the logs. One uniform per decision: u &lt; ρ acts, with mark ⌊u m/ρ⌋.
/// </summary>
public sealed class RandomChoicePolicy : IDeliveryPolicy
{
    public const string KindName = "random-choice";
    private const int SnapshotVersion = 1;

    public RandomChoicePolicy(double actProbability, string name = KindName)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        ActProbability = actProbability is >= 0 and <= 1 ? actProbability
            : throw new ArgumentOutOfRangeException(nameof(actProbability), actProbability, "the probability to act must lie in [0, 1].");
        ParameterHash = Decisions.ParameterHash.Of(KindName, [actProbability]);
    }

    /// <summary>ρ: probability to act at an opportunity.</summary>
    public double ActProbability { get; }
    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Choice;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => new State(this, context.MarkCount, random, 0);

    /// <summary>Snapshot: no reals; integers [decisions taken].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        snapshot.EnsureShape(0, 1);
        return new State(this, context.MarkCount, snapshot.Random, snapshot.Integers[0]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"random-choice(ρ={ActProbability:G6})");

    private sealed class State(RandomChoicePolicy policy, int marks, DecisionRandom random, long decisions) : IPolicyState, IReplayableChoiceState
    {
        private DecisionRandom _random = random;
        private long _decisions = decisions;

        public PlannedAction Next => PlannedAction.None;

        public void Observe(in Event e, ReadOnlySpan<double> feedback) { }

        public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
        {
            double rho = policy.ActProbability, u = _random.NextDouble();
            _decisions++;
            if (!(u < rho)) return Decision.None(1 - rho);
            int mark = Math.Min((int)(u / rho * marks), marks - 1);
            return Decision.Act(mark, rho / marks);
        }

        public void Replay(in Event opportunity, ReadOnlySpan<double> feedback, Span<double> probabilities, int decision)
        {
            double rho = policy.ActProbability;
            probabilities[0] = 1 - rho;
            probabilities[1..(marks + 1)].Fill(rho / marks);
            _random.NextDouble();   // the draw Decide would have taken
            _decisions++;
        }

        public PolicySnapshot Snapshot() =>
            new(KindName, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, [], [_decisions]);
    }
}
