using System.Globalization;
using Kairos.Decisions;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Policies;

/// <summary>
/// Reviews an item the moment its recall probability falls to <see cref="Threshold"/>: after a review at t the next
/// one is at t + (−ln θ)/n_i. Deterministic given the recall outcomes; tracks n_i like MEMORIZE.
/// </summary>
public sealed class ThresholdPolicy : IDeliveryPolicy
{
    /// <param name="model">The student model the policy assumes.</param>
    /// <param name="threshold">θ ∈ (0, 1): review when m_i(t) &lt; θ.</param>
    public ThresholdPolicy(StudentModel model, double threshold)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Threshold = threshold is > 0 and < 1 ? threshold
            : throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                string.Create(CultureInfo.InvariantCulture, $"threshold must lie in (0, 1), got {threshold:R}."));
        ParameterHash = Decisions.ParameterHash.Of(KindName, [threshold, model.Alpha, model.Beta, .. model.InitialRates]);
    }

    public const string KindName = "threshold";

    /// <summary>θ from the knob κ = 1/(−ln θ) (days of forgetting rate 1 between reviews, inverted), so the number of
    /// reviews grows with κ; used for budget matching. Every knob &gt; 0 maps into (0, 1): where exp(−1/κ) rounds to 0
    /// or 1 the threshold stays at the nearest representable interior value (budget matching probes such knobs).</summary>
    public static ThresholdPolicy FromKnob(StudentModel model, double knob) =>
        new(model, Math.Clamp(Math.Exp(-1 / knob), double.Epsilon, Math.BitDecrement(1.0)));

    public StudentModel Model { get; }
    public double Threshold { get; }
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => new State(this, context, random, null);

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => new State(this, context, snapshot.Random, snapshot);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"threshold(θ={Threshold:G6})");

    private sealed class State : ItemScheduleState
    {
        private readonly double _logThreshold;

        public State(ThresholdPolicy policy, PolicyContext context, DecisionRandom random, PolicySnapshot? snapshot)
            : base(policy, policy.Model, context, random)
        {
            _logThreshold = -Math.Log(policy.Threshold);
            if (snapshot is null) Initialize(context.Origin); else Restore(snapshot);
        }

        protected override double NextReview(int item, double now, ref DecisionRandom random) => now + _logThreshold / Memory.Rate(item);
    }
}
