using System.Globalization;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Homogeneous Poisson actions at <see cref="Rate"/> per time unit, each for a uniformly chosen mark: TPPRL's
/// uniform baseline, applied in time order (gaps ~ Exp(rate)). The authors' script drew Poisson(budget) uniform
/// times but applied them unsorted, which wrecked their uniform baseline (≈6% recall instead of ≈28%).
/// </summary>
public sealed class UniformPolicy : IDeliveryPolicy
{
    public const string KindName = "uniform";
    private const int SnapshotVersion = 1;

    public UniformPolicy(double rate)
    {
        Rate = Require.Positive(rate, nameof(rate));
        ParameterHash = Decisions.ParameterHash.Of(KindName, [rate]);
    }

    /// <summary>Actions per time unit (reviews per day in spaced repetition).</summary>
    public double Rate { get; }
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        var state = new State(this, context.MarkCount, random);
        state.Draw(context.Origin);
        return state;
    }

    /// <summary>Snapshot: reals [next time], integers [next mark].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        snapshot.EnsureShape(1, 1);
        var state = new State(this, context.MarkCount, snapshot.Random);
        state.Next = new PlannedAction(snapshot.Reals[0], checked((int)snapshot.Integers[0]));
        return state;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uniform(rate={Rate:G6}/unit)");

    private sealed class State(UniformPolicy policy, int marks, DecisionRandom random) : IPolicyState, IIntensityView, IReplannableState
    {
        private DecisionRandom _random = random;

        public PlannedAction Next { get; set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind == EventKind.Action) Draw(e.Time);
        }

        public double Intensity(double time) => policy.Rate;

        /// <summary>Poisson gaps are memoryless: given no action up to <paramref name="now"/>, the next is now + Exp(rate).</summary>
        public void Replan(double now) => Draw(now);

        public void Draw(double now) => Next = new(now + _random.NextExponential() / policy.Rate, _random.NextInt(marks));

        public PolicySnapshot Snapshot() => new(KindName, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index,
            [Next.Time], [Next.Mark]);
    }
}
