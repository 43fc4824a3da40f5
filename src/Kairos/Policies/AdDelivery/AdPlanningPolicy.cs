using Kairos.Decisions;
using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>
/// Model-predictive planning on the fitted user model (docs/ad-delivery.md, "Planning policies"). At an opportunity at
/// time t it estimates, for every decision d (none, ad 1..D), Q(d) = E[conversion value − ad costs on (t, t_end] | the
/// history, d now, the base rule afterwards] by <see cref="Rollouts"/> trajectories of the model (<see cref="AdModelRollout"/>,
/// exact event draws, conversions counted by their conditional expectation) from the user's current state, with common
/// random numbers across d, and takes the argmax (none on ties). The base rule (<see cref="AdContinuation"/>) is either
/// no ad afterwards, or the greedy rule: at each later simulated opportunity the ad whose gain under "no ad afterwards"
/// is largest and positive, each gain estimated by one rollout per decision (common random numbers) over
/// <see cref="GreedyLookahead"/> — one step of policy improvement over greedy, as the simulator's oracles do. t_end = min(end of the user's window, t +
/// <see cref="Lookahead"/>). Deterministic (probability 1). The rollouts' randomness is keyed by the user's decision
/// stream and the decision's index, so a restored or replayed user decides the same, at any thread count.
/// A delivery margin m ≥ 0 (<see cref="Margin"/>, default 0 = the paper's rule) delivers the best ad only when its Q exceeds
/// Q(none) by more than m: a guard against a model that is optimistic about ads, chosen by off-policy evaluation on held-out
/// logged users (AdMarginSelector of Learning.OffPolicy).
/// Kinds: "ad-plan" averages Q over the posterior members (rollout r follows member r mod K: the posterior predictive),
/// "ad-plan-plugin" plans on the MAP network, "ad-plan-thompson" draws one member per user and plans on it.
/// "ad-plan" with <see cref="HistoryWeighted"/> conditions the members on the user's own history too:
/// p(θ_k | D, h_u) ∝ p(θ_k | D)·e^{ℓ(h_u | θ_k)}, i.e. weights w_k = softmax_k ℓ(h_u | θ_k) over the K equally likely
/// members (<see cref="HistoryWeights"/>), and Q(d) = Σ_r w_{r mod K} Q_r(d) / Σ_r w_{r mod K} (equal weights, the
/// unweighted average, when the history is empty).
/// </summary>
public sealed class AdPlanningPolicy : AdPolicy
{
    public const string PosteriorKind = "ad-plan", PlugInKind = "ad-plan-plugin", ThompsonKind = "ad-plan-thompson";
    public const int DefaultRollouts = 16;
    private const int AllMembers = -2;

    public AdPlanningPolicy(AdModel model, IReadOnlyList<double> costs, string kind, int rollouts = DefaultRollouts, double? lookahead = null,
        string? name = null, AdContinuation continuation = AdContinuation.None, double margin = 0, bool historyWeighted = false, int rolloutStream = 0)
        : base(kind == PlugInKind ? model.PlugIn() : model, costs, kind, name,
            historyWeighted ? [rollouts, lookahead ?? model.Horizon, (double)continuation, margin, 1]
            : [rollouts, lookahead ?? model.Horizon, .. (continuation == AdContinuation.None && margin == 0 ? Array.Empty<double>() : new[] { (double)continuation }),
                .. (margin == 0 ? Array.Empty<double>() : new[] { margin })])
    {
        if (historyWeighted && kind != PosteriorKind)
            throw new ArgumentException($"history weighting needs kind {PosteriorKind}.", nameof(historyWeighted));
        HistoryWeighted = historyWeighted;
        Margin = margin >= 0 && double.IsFinite(margin) ? margin : throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin must be finite and >= 0.");
        Continuation = Enum.IsDefined(continuation) ? continuation : throw new ArgumentOutOfRangeException(nameof(continuation), continuation, "unknown base rule.");
        if (kind is not (PosteriorKind or PlugInKind or ThompsonKind))
            throw new ArgumentException($"kind must be {PosteriorKind}, {PlugInKind} or {ThompsonKind}.", nameof(kind));
        Rollouts = rollouts >= 1 ? rollouts : throw new ArgumentOutOfRangeException(nameof(rollouts), rollouts, "at least one rollout.");
        RolloutStream = rolloutStream >= 0 ? rolloutStream : throw new ArgumentOutOfRangeException(nameof(rolloutStream), rolloutStream, "the rollout stream must be >= 0.");
        Lookahead = lookahead ?? model.Horizon;
        if (!(Lookahead > 0) || !double.IsFinite(Lookahead))
            throw new ArgumentOutOfRangeException(nameof(lookahead), lookahead, "the lookahead must be finite and > 0.");
    }

    public static readonly string[] Kinds = [PosteriorKind, PlugInKind, ThompsonKind];

    public int Rollouts { get; }
    /// <summary>A salt of the rollouts' random numbers (0, the default: the streams keyed by the decision alone). Another
    /// value gives the same planner an independent set of rollouts at every opportunity, with the user's decision stream
    /// (and so the environment's random numbers) unchanged: what measures the planner's own Monte-Carlo noise
    /// (`kairos experiment ad-delivery --rollout-seed`). An experiment setting: policy files do not carry it (stream 0).</summary>
    public int RolloutStream { get; }
    /// <summary>Whether the members are weighted by the likelihood of the user's own history (posterior kind only).</summary>
    public bool HistoryWeighted { get; }
    internal override bool TracksLikelihood => HistoryWeighted;
    /// <summary>How much an ad's Q must exceed Q(none) for the planner to deliver it (0 = the paper's argmax).</summary>
    public double Margin { get; }
    /// <summary>The rule the rollouts follow after the decision planned.</summary>
    public AdContinuation Continuation { get; }
    /// <summary>How far ahead the greedy base rule looks when it estimates a later ad's gain: a seventh of the lookahead
    /// (2 days of a 14-day horizon; the ad effects the model learns fade within it).</summary>
    public double GreedyLookahead => Lookahead / 7;
    /// <summary>How far ahead a rollout runs, in the model's time unit (the window's end comes first when it is nearer).</summary>
    public double Lookahead { get; }

    protected override int MemberFor(ref DecisionRandom random) => Kind switch
    {
        ThompsonKind => random.NextInt(Model.Posterior.Count),
        PosteriorKind => AllMembers,
        _ => -1,
    };

    internal override int LowestMember => Kind == PosteriorKind ? AllMembers : -1;

    internal override IReadOnlyList<AdNetwork> NetworksOf(int member) => member == AllMembers ? Model.Posterior : base.NetworksOf(member);

    /// <summary>No ad (probability 1 on none): what the doubly robust direct method continues with (cheap, and DR stays
    /// unbiased whatever its direct method); the planner's own decisions come from <see cref="Values"/>.</summary>
    protected internal override void Probabilities(AdUserState user, Span<double> p)
    {
        p.Clear();
        p[0] = 1;
    }

    internal override int Decide(IReadOnlyList<AdUserState> users, double time, double end, ref DecisionRandom random, out double probability)
    {
        probability = 1;
        return Choose(Values(users, time, end, NextKey(ref random)), Margin);
    }

    internal override void Replay(IReadOnlyList<AdUserState> users, double time, double end, ref DecisionRandom random, Span<double> p)
    {
        p.Clear();
        p[Choose(Values(users, time, end, NextKey(ref random)), Margin)] = 1;
    }

    /// <summary>Q(d) for every d at an opportunity, consuming the same draw of the user's decision stream as <see cref="Decide"/>
    /// (what the off-policy margin selector records along a log: the decision under any margin follows).</summary>
    internal double[] ReplayValues(IReadOnlyList<AdUserState> users, double time, double end, ref DecisionRandom random) =>
        Values(users, time, end, NextKey(ref random));

    /// <summary>Q(d) for d = 0 (none) .. D at an opportunity at <paramref name="time"/> whose states are
    /// <paramref name="users"/> (one per network followed), the rollouts' randomness keyed by <paramref name="key"/>.</summary>
    public double[] Values(IReadOnlyList<AdUserState> users, double time, double end, ulong key)
    {
        if (RolloutStream != 0) key = DecisionRandom.KeyFor(RolloutStream, (long)key);
        double horizon = Math.Min(end, time + Lookahead);
        var q = new double[Model.Layout.Ads + 1];
        double[]? share = null;
        if (HistoryWeighted)
        {
            var w = HistoryWeights(users.Select(u => u.LogLikelihood).ToArray());
            double total = 0;
            for (int r = 0; r < Rollouts; r++) total += w[r % users.Count];
            share = Enumerable.Range(0, Rollouts).Select(r => w[r % users.Count] / total).ToArray();
        }
        for (int r = 0; r < Rollouts; r++)
        {
            var user = users[r % users.Count];
            int seed = (int)(DecisionRandom.Bits(key, r) >> 33);
            ulong inner = DecisionRandom.Bits(key, Rollouts + r);
            AdModelRollout.Rule? rule = Continuation == AdContinuation.Greedy ? (world, _, _) => Greedy(world, horizon, inner) : null;
            for (int d = 0; d < q.Length; d++)
            {
                double toGo = AdModelRollout.ToGo(Model, user, null, time, d, horizon, Costs, rule, new Random(seed), expectedValue: true);
                q[d] += share is null ? toGo / Rollouts : toGo * share[r];
            }
        }
        return q;
    }

    /// <summary>The posterior weights of K equally likely members given the user's history: w_k = e^{ℓ_k} / Σ_j e^{ℓ_j}
    /// for the history's log-likelihoods ℓ_k under each member (computed from ℓ_k − max ℓ, so no underflow).</summary>
    public static double[] HistoryWeights(IReadOnlyList<double> logLikelihoods)
    {
        ArgumentNullException.ThrowIfNull(logLikelihoods);
        if (logLikelihoods.Count == 0) throw new ArgumentException("at least one member.", nameof(logLikelihoods));
        if (logLikelihoods.Any(l => double.IsNaN(l) || double.IsPositiveInfinity(l)))
            throw new ArgumentException("the log-likelihoods must be numbers below +∞.", nameof(logLikelihoods));
        double max = logLikelihoods.Max();
        if (double.IsNegativeInfinity(max)) return Enumerable.Repeat(1.0 / logLikelihoods.Count, logLikelihoods.Count).ToArray();
        var w = logLikelihoods.Select(l => Math.Exp(l - max)).ToArray();
        double sum = w.Sum();
        return w.Select(x => x / sum).ToArray();
    }

    /// <summary>The greedy base rule at a simulated opportunity (state <paramref name="world"/>): argmax_d of one rollout's
    /// utility to go with d now and no ad afterwards over min(<paramref name="horizon"/>, now + <see cref="GreedyLookahead"/>),
    /// the same random numbers for every d, keyed by the rollout's <paramref name="key"/> and the opportunity's time (so
    /// the outer rollout's own draws are not consumed: a base rule that never delivers gives exactly the "none" Q); none
    /// unless an ad gains.</summary>
    private int Greedy(AdUserState world, double horizon, ulong key)
    {
        double now = world.LastTime, end = Math.Min(horizon, now + GreedyLookahead);
        int seed = (int)(DecisionRandom.Bits(key, BitConverter.DoubleToInt64Bits(now)) >> 33);
        int best = 0;
        double bestValue = AdModelRollout.ToGo(Model, world, null, now, 0, end, Costs, null, new Random(seed), expectedValue: true);
        for (int d = 1; d <= Model.Layout.Ads; d++)
        {
            double v = AdModelRollout.ToGo(Model, world, null, now, d, end, Costs, null, new Random(seed), expectedValue: true);
            if (v > bestValue) (best, bestValue) = (d, v);
        }
        return best;
    }

    /// <summary>The ad with the largest q (the lowest on ties) when it beats q[0] (none) by more than <paramref name="margin"/>,
    /// else 0 (none). With margin 0 it is <see cref="Best"/>.</summary>
    public static int Choose(ReadOnlySpan<double> q, double margin)
    {
        if (q.Length < 2) return 0;
        int best = 1;
        for (int d = 2; d < q.Length; d++)
            if (q[d] > q[best]) best = d;
        return q[best] - q[0] > margin ? best : 0;
    }

    /// <summary>argmax_d q[d], the lowest d on ties (none first).</summary>
    public static int Best(ReadOnlySpan<double> q)
    {
        int best = 0;
        for (int d = 1; d < q.Length; d++)
            if (q[d] > q[best]) best = d;
        return best;
    }

    /// <summary>One draw of the user's decision stream per decision: the key of its rollouts.</summary>
    private static ulong NextKey(ref DecisionRandom random)
    {
        ulong key = DecisionRandom.KeyFor((long)random.Key, random.Index);
        random.NextDouble();
        return key;
    }
}
