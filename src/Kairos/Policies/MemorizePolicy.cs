using System.Globalization;
using Kairos.Decisions;
using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;

namespace Kairos.Policies;

/// <summary>
/// MEMORIZE (Tabibian et al., PNAS 2019): item i is reviewed with intensity u_i(t) = q^{−1/2}(1 − m_i(t)), sampled
/// exactly by inverting its closed-form compensator (<see cref="MemorizeIntensity"/>). Like the original, it knows
/// α, β and n_i(0) and tracks n_i from the observed recall outcomes.
/// </summary>
public sealed class MemorizePolicy : IDeliveryPolicy
{
    /// <param name="model">The student model the policy assumes.</param>
    /// <param name="rate">r = q^{−1/2}: review intensity (per day) of a fully forgotten item.</param>
    public MemorizePolicy(StudentModel model, double rate)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Rate = Require.Positive(rate, nameof(rate));
        ParameterHash = Decisions.ParameterHash.Of(KindName, [rate, model.Alpha, model.Beta, .. model.InitialRates]);
    }

    public const string KindName = "memorize";

    public StudentModel Model { get; }
    /// <summary>r = q^{−1/2}, per day.</summary>
    public double Rate { get; }
    /// <summary>q = r^{−2}, MEMORIZE's cost weight on reviews.</summary>
    public double Q => 1 / (Rate * Rate);
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => new State(this, context, random, null);

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => new State(this, context, snapshot.Random, snapshot);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"memorize(q^-1/2={Rate:G6}/day)");

    private sealed class State : ItemScheduleState
    {
        private readonly double _rate;

        public State(MemorizePolicy policy, PolicyContext context, DecisionRandom random, PolicySnapshot? snapshot)
            : base(policy, policy.Model, context, random)
        {
            _rate = policy.Rate;
            if (snapshot is null) Initialize(context.Origin); else Restore(snapshot);
        }

        protected override double NextReview(int item, double now, ref DecisionRandom random) =>
            now + MemorizeIntensity.InverseCumulativeIntensity(_rate, Memory.Rate(item), random.NextExponential());
    }
}
