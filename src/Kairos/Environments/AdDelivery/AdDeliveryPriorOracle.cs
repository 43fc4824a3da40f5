using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The oracle without personal traits: it knows the simulator's laws and the population's trait distribution
/// (<see cref="AdDeliveryConfig"/>) but not the user's own traits. At each opportunity it plans like
/// <see cref="AdDeliveryOracle"/> (Q(d) for every decision by Monte-Carlo rollouts, the greedy rule afterwards) with each
/// rollout drawing the user's traits from the prior, and the response state (fatigue, excitation) rebuilt from the
/// user's own ad history under those traits. What it ignores is what the history says about the traits (clicks and
/// conversions after ads), so the gap between it and the oracle is what only per-user learning can close. It reads the
/// simulator's configuration through <see cref="IEpisodeAwarePolicy"/>, so it exists only in simulations.
/// </summary>
public sealed class AdDeliveryPriorOracle : SimulatorOraclePolicy
{
    public const string KindName = "ad-delivery-prior-oracle";
    public const int DefaultRollouts = 128;
    private const int SnapshotVersion = 1;

    public AdDeliveryPriorOracle(int rollouts = DefaultRollouts, string name = "oracle-prior")
        : base(KindName, name, "the simulator's laws", [rollouts]) =>
        Rollouts = rollouts > 0 ? rollouts : throw new ArgumentOutOfRangeException(nameof(rollouts), rollouts, "at least one rollout.");

    public int Rollouts { get; }

    protected override IPolicyState CreateState(AdDeliveryEpisode user, double end, DecisionRandom random) =>
        new State(this, user.Config, end, random);

    private sealed class State(AdDeliveryPriorOracle policy, AdDeliveryConfig config, double end, DecisionRandom random) : IPolicyState
    {
        private DecisionRandom _random = random;
        private readonly List<double> _times = new();
        private readonly List<(double Time, int Ad)> _ads = new();

        public PlannedAction Next => PlannedAction.None;

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind == EventKind.Action) _ads.Add((e.Time, e.Mark));
        }

        public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
        {
            int choices = config.AdCount + 1;
            Span<double> q = stackalloc double[choices];
            q.Clear();
            for (int r = 0; r < policy.Rollouts; r++)
            {
                var traits = AdUserTraits.Draw(config, ref _random);
                var response = new AdResponse(0, 0, 0);
                foreach (var (t, ad) in _ads) response = response.At(t, config).AfterAd(ad, traits);
                AdDeliveryOracle.AddRollout(response.At(opportunity.Time, config), traits, config, opportunity.Time, end, ref _random, _times, q);
            }
            int best = 0;
            for (int d = 1; d < choices; d++)
                if (q[d] > q[best]) best = d;
            return best == 0 ? Decision.None(1) : Decision.Act(best - 1, 1);
        }

        public PolicySnapshot Snapshot() => new(KindName, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, [], []);
    }
}
