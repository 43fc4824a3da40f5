using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The best reference a history-based policy can aim at: it knows the simulator's laws and the population's trait
/// distribution, and infers the user's traits from the user's own history (<see cref="AdTraitParticles"/>: the exact
/// posterior by importance sampling over <see cref="Particles"/> prior draws). At each opportunity it plans like
/// <see cref="AdDeliveryOracle"/> (Q(d) by rollouts, the greedy rule afterwards) with each of <see cref="Rollouts"/>
/// rollouts on a particle drawn by its posterior weight (systematic resampling). A model of the users that were perfect
/// would reach about this; the gap from it to <see cref="AdDeliveryOracle"/> is what the history cannot tell. It reads
/// the simulator's configuration through <see cref="IEpisodeAwarePolicy"/>, so it exists only in simulations.
/// </summary>
public sealed class AdDeliveryBayesOracle : SimulatorOraclePolicy
{
    public const string KindName = "ad-delivery-bayes-oracle";
    private const int SnapshotVersion = 1;

    public AdDeliveryBayesOracle(int particles = 2048, int rollouts = 64, string name = "oracle-bayes")
        : base(KindName, name, "the simulator's laws", [particles, rollouts])
    {
        Particles = particles > 0 ? particles : throw new ArgumentOutOfRangeException(nameof(particles), particles, "at least one particle.");
        Rollouts = rollouts > 0 ? rollouts : throw new ArgumentOutOfRangeException(nameof(rollouts), rollouts, "at least one rollout.");
    }

    public int Particles { get; }
    public int Rollouts { get; }

    protected override IPolicyState CreateState(AdDeliveryEpisode user, double end, DecisionRandom random) =>
        new State(this, user.Config, end, random);

    private sealed class State : IPolicyState
    {
        private readonly AdDeliveryBayesOracle _policy;
        private readonly AdDeliveryConfig _config;
        private readonly double _end;
        private readonly AdTraitParticles _particles;
        private readonly List<double> _times = new();
        private DecisionRandom _random;

        public State(AdDeliveryBayesOracle policy, AdDeliveryConfig config, double end, DecisionRandom random)
        {
            (_policy, _config, _end, _random) = (policy, config, end, random);
            _particles = new AdTraitParticles(config, policy.Particles, ref _random);
        }

        public PlannedAction Next => PlannedAction.None;

        public void Observe(in Event e, ReadOnlySpan<double> feedback) => _particles.Observe(e);

        public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
        {
            _particles.Observe(opportunity);
            var w = _particles.Weights(opportunity.Time);
            int choices = _config.AdCount + 1, n = _policy.Rollouts;
            Span<double> q = stackalloc double[choices];
            q.Clear();
            double u = _random.NextDouble(), cumulative = w[0];
            for (int r = 0, i = 0; r < n; r++)
            {
                double target = (r + u) / n;   // systematic resampling: particle i covers (Σ_{j<i} w_j, Σ_{j≤i} w_j]
                while (cumulative < target && i < w.Length - 1) cumulative += w[++i];
                AdDeliveryOracle.AddRollout(_particles.Response(i), _particles.Traits(i), _config, opportunity.Time, _end, ref _random, _times, q);
            }
            int best = 0;
            for (int d = 1; d < choices; d++)
                if (q[d] > q[best]) best = d;
            return best == 0 ? Decision.None(1) : Decision.Act(best - 1, 1);
        }

        public PolicySnapshot Snapshot() => new(KindName, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index, [], []);
    }
}
