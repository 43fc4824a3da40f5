using System.Globalization;
using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The upper reference: at each opportunity it plans on the true simulator with the user's true traits and current
/// response state (fatigue, ad excitation), never its future draws. For each decision d (none or ad m) it estimates
/// Q(d) = expected utility from now to the horizon if d is taken now and the greedy rule follows, by
/// <see cref="Rollouts"/> Monte-Carlo draws of the future opportunity times (the same draws for every d: common random
/// numbers), and takes the best d. Given the opportunity times the expected utility is exact (the ads' contributions
/// to the conversion intensity add up), so the only Monte-Carlo noise is in when future opportunities come. The greedy
/// rule delivers the ad of largest <see cref="AdResponse.ImmediateGain"/> when it is positive. This is one step of
/// policy improvement over greedy (rollout, Bertsekas), so it is at least as good as greedy up to Monte-Carlo error.
/// </summary>
public sealed class AdDeliveryOracle : SimulatorOraclePolicy
{
    public const string KindName = "ad-delivery-oracle";
    public const int DefaultRollouts = 32;
    private const int SnapshotVersion = 1;

    public AdDeliveryOracle(int rollouts = DefaultRollouts, string name = "oracle")
        : base(KindName, name, "the simulator's true user", [rollouts]) =>
        Rollouts = rollouts > 0 ? rollouts : throw new ArgumentOutOfRangeException(nameof(rollouts), rollouts, "at least one rollout.");

    public int Rollouts { get; }

    protected override IPolicyState CreateState(AdDeliveryEpisode user, double end, DecisionRandom random) =>
        new State(this, user, end, random);

    /// <summary>Expected utility of the greedy rule at the opportunity times <paramref name="times"/> (ascending),
    /// starting from <paramref name="state"/>.</summary>
    public static double GreedyValue(AdResponse state, ReadOnlySpan<double> times, double end, AdUserTraits traits, AdDeliveryConfig config)
    {
        double total = 0;
        foreach (double s in times)
        {
            state = state.At(s, config);
            int best = BestAd(state, end, traits, config, out double gain);
            if (best < 0) continue;
            total += gain;
            state = state.AfterAd(best, traits);
        }
        return total;
    }

    /// <summary>The ad of largest positive immediate gain, or −1 when none gains.</summary>
    public static int BestAd(AdResponse state, double end, AdUserTraits traits, AdDeliveryConfig config, out double gain)
    {
        int best = -1;
        gain = 0;
        for (int m = 0; m < config.AdCount; m++)
        {
            double g = state.ImmediateGain(m, end, traits, config);
            if (g > gain) (best, gain) = (m, g);
        }
        return best;
    }

    /// <summary>One rollout: draws the future opportunity times on (<paramref name="time"/>, <paramref name="end"/>] of a user
    /// with <paramref name="traits"/> from <paramref name="random"/> and adds to q[d] the expected utility of decision d now
    /// (0 = none, m + 1 = ad m) and the greedy rule at those times, from the response state <paramref name="now"/>.</summary>
    public static void AddRollout(AdResponse now, AdUserTraits traits, AdDeliveryConfig config, double time, double end, ref DecisionRandom random,
        List<double> buffer, Span<double> q)
    {
        var gap = AdDeliveryEpisode.OpportunityGap(config, traits);
        buffer.Clear();
        for (double s = time + gap.InverseCumulativeHazard(random.NextExponential()); s <= end; s += gap.InverseCumulativeHazard(random.NextExponential()))
            buffer.Add(s);
        var times = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer);
        q[0] += GreedyValue(now, times, end, traits, config);
        for (int m = 0; m < config.AdCount; m++)
            q[m + 1] += now.ImmediateGain(m, end, traits, config) + GreedyValue(now.AfterAd(m, traits), times, end, traits, config);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"oracle(rollouts={Rollouts})");

    private sealed class State(AdDeliveryOracle policy, AdDeliveryEpisode user, double end, DecisionRandom random) : IPolicyState
    {
        private DecisionRandom _random = random;
        private readonly List<double> _times = new();

        public PlannedAction Next => PlannedAction.None;

        public void Observe(in Event e, ReadOnlySpan<double> feedback) { }

        public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
        {
            var config = user.Config;
            int choices = config.AdCount + 1;
            Span<double> q = stackalloc double[choices];
            q.Clear();
            for (int r = 0; r < policy.Rollouts; r++)
                AddRollout(user.ResponseAt(opportunity.Time), user.Traits, config, opportunity.Time, end, ref _random, _times, q);
            int best = 0;
            for (int d = 1; d < choices; d++)
                if (q[d] > q[best]) best = d;
            return best == 0 ? Decision.None(1) : Decision.Act(best - 1, 1);
        }

        public PolicySnapshot Snapshot() => new(KindName, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, [], []);
    }
}
