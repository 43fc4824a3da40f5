using System.Globalization;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// A deterministic choice policy that takes the same decision at every opportunity: always act with mark k, or never
/// act (<see cref="Decision.NoAction"/>). Probability 1 for its decision.
/// </summary>
public sealed class ConstantChoicePolicy : IDeliveryPolicy
{
    public const string KindName = "constant-choice";
    private const int SnapshotVersion = 1;

    public ConstantChoicePolicy(int mark, string? name = null)
    {
        Mark = mark >= Decision.NoAction ? mark : throw new ArgumentOutOfRangeException(nameof(mark), mark, "the mark must be >= 0, or NoAction.");
        Name = name ?? (mark == Decision.NoAction ? "never" : $"always-{mark}");
        ParameterHash = Decisions.ParameterHash.Of(KindName, [mark]);
    }

    public int Mark { get; }
    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Choice;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        if (Mark >= context.MarkCount)
            throw new PolicyContextException($"policy '{Name}' acts with mark {Mark}, but the context has {CountText.Of(context.MarkCount, "mark")}.");
        return new State(this, random);
    }

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        snapshot.EnsureShape(0, 0);
        return new State(this, snapshot.Random);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(mark={Mark})");

    private sealed class State(ConstantChoicePolicy policy, DecisionRandom random) : IPolicyState
    {
        public PlannedAction Next => PlannedAction.None;
        public void Observe(in Event e, ReadOnlySpan<double> feedback) { }
        public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback) =>
            policy.Mark == Decision.NoAction ? Decision.None(1) : Decision.Act(policy.Mark, 1);
        public PolicySnapshot Snapshot() => new(KindName, SnapshotVersion, policy.ParameterHash, random.Key, random.Index, [], []);
    }
}
