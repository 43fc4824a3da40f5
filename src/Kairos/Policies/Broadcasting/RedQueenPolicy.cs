using System.Globalization;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Policies.Broadcasting;

/// <summary>
/// RedQueen (Zarezade et al., WSDM'17; digest §4.4): the intensity minimising E∫(½Σ_j s_j r_j² + q/2 u²) dt is
/// u*(t) = Σ_j √(s_j/q) r_j(t); with s_j = 1/F² (the authors' <c>def_s_vec</c>) that is mean rank / √q. The policy
/// reads the environment's aggregated feedback z[0] (the mean rank in the environment's scale), so
/// u = <see cref="Weight"/>·z[0]. Between events u is constant; every event starts a new piece of the one Algorithm 2
/// sampler (<see cref="NextEventSampler"/>), which is exact for rises and falls alike (a fall, e.g. a post above ours
/// leaving the prioritized section, needs no thinning: the carried Exp(1) target is re-solved under the lower rate).
/// After our own post the rank, hence u, is 0 until the next post of others.
/// </summary>
public sealed class RedQueenPolicy : IDeliveryPolicy
{
    public const string KindName = "redqueen";
    private const int SnapshotVersion = 1;

    /// <param name="weight">u = weight · z[0] (&gt; 0): the budget knob, √(1/q) times the environment's rank scale.</param>
    public RedQueenPolicy(double weight, string name = KindName)
    {
        Weight = Require.Positive(weight, nameof(weight));
        Name = name;
        ParameterHash = Decisions.ParameterHash.Of(KindName, [weight]);
    }

    public double Weight { get; }
    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        if (context.FeedbackSize < 1)
            throw new PolicyContextException($"policy '{Name}' reads the mean rank from the feedback vector, but this context has none.");
        var state = new State(this, random);
        state.Start(context.Origin);
        return state;
    }

    /// <summary>Snapshot: reals [target, spent hazard, piece origin, c, ω, pending], integers [uniforms drawn].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        snapshot.EnsureShape(6, 1);
        var r = snapshot.Reals;
        var state = new State(this, snapshot.Random);
        state.Sampler.RestoreExponential(r[0], r[1], r[2], r[3], r[4], r[5], snapshot.Integers[0]);
        return state;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"redqueen(u = {Weight:G6}·z0)");

    private sealed class State(RedQueenPolicy policy, DecisionRandom random) : IPolicyState
    {
        private DecisionRandom _random = random;
        public readonly NextEventSampler Sampler = new();

        public PlannedAction Next => new(Sampler.PendingTime, 0);

        public void Start(double origin) => Sampler.StartAfterAction(origin, double.NegativeInfinity, 0, _random.NextExponential());

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind == EventKind.Opportunity) return;
            double c = Math.Log(policy.Weight * Math.Max(feedback[0], 0));   // log 0 = −∞: no posting while on top everywhere
            if (e.Kind == EventKind.Action) Sampler.StartAfterAction(e.Time, c, 0, _random.NextExponential());
            else Sampler.OnFeedback(e.Time, c, 0);
        }

        public PolicySnapshot Snapshot()
        {
            var (target, spent, origin, c, omega, pending) = Sampler.ExponentialState;
            return new(policy.Kind, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index,
                [target, spent, origin, c, omega, pending], [Sampler.UniformsDrawn]);
        }
    }
}
