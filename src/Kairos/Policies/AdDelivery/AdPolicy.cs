using Kairos.Decisions;
using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>
/// A choice policy for ad delivery built on the fitted user model (docs/ad-delivery.md): its per-user state is
/// the model's recurrent state h of the user's history (every feedback, opportunity and decision, stepped through
/// the model's cell). At an opportunity it steps h with the opportunity and decides from that h: none, or ad
/// k ∈ [0, D) (the log's decision k + 1). Subclasses give the decision rule, and may follow a posterior member
/// drawn per user instead of the MAP network.
/// </summary>
public abstract class AdPolicy : IDeliveryPolicy
{

    protected AdPolicy(AdModel model, IReadOnlyList<double> costs, string kind, string? name, params double[] numbers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(costs);
        Model = model;
        if (costs.Count != model.Layout.Ads || costs.Any(c => !(c >= 0) || !double.IsFinite(c)))
            throw new ArgumentOutOfRangeException(nameof(costs), $"the costs must be {model.Layout.Ads} finite numbers >= 0, one per ad.");
        Costs = costs.ToArray();
        Kind = kind;
        Name = name ?? kind;
        ParameterHash = Decisions.ParameterHash.Of(kind,
            [.. model.Map.Theta, .. model.Members.SelectMany(m => m.Theta), model.Map.TimeScale, .. model.Layout.ExposureDecays, .. Costs, .. numbers]);
    }

    public AdModel Model { get; }
    /// <summary>Cost of delivering ad d (index d − 1), in conversion-value units.</summary>
    public IReadOnlyList<double> Costs { get; }

    /// <summary>Cost of decision <paramref name="decision"/> (0 = none, free).</summary>
    public double CostOf(int decision) => decision == 0 ? 0 : Costs[decision - 1];

    /// <summary>A cost per ad, all equal to <paramref name="cost"/>.</summary>
    public static double[] Uniform(int ads, double cost) => Enumerable.Repeat(cost, ads).ToArray();
    public string Name { get; }
    public string Kind { get; }
    public DecisionModes Modes => DecisionModes.Choice;
    public string ParameterHash { get; }

    /// <summary>The posterior member this user's state follows (−1 = the MAP network); drawn once per user.</summary>
    protected virtual int MemberFor(ref DecisionRandom random) => -1;

    /// <summary>The policy's probability of every decision 0 (none) .. D at the opportunity whose model state (under
    /// its network) is <paramref name="user"/>, into <paramref name="p"/>.</summary>
    protected internal abstract void Probabilities(AdUserState user, Span<double> p);

    /// <summary>The decision 0 (none) .. D at the opportunity whose model state is <paramref name="user"/>, and its
    /// probability under the policy: one uniform of the user's decision stream.</summary>
    protected internal int Choose(AdUserState user, ref DecisionRandom random, out double probability)
    {
        Span<double> p = stackalloc double[Model.Layout.Ads + 1];
        Probabilities(user, p);
        int d = Neural.TpprlCell.SampleFromProbabilities(p, random.NextDouble());
        probability = p[d];
        return d;
    }

    internal AdNetwork Network(int member) => member < 0 ? Model.Map : Model.Posterior[member];

    /// <summary>The networks a user's state follows: the one of <paramref name="member"/> (−1 = the MAP network).</summary>
    internal virtual IReadOnlyList<AdNetwork> NetworksOf(int member) => [Network(member)];

    /// <summary>Whether the user's states sum the history's log-likelihood under each network followed (a planner that
    /// weights the posterior members by it); their sums then end the snapshot's reals.</summary>
    internal virtual bool TracksLikelihood => false;

    /// <summary>The lowest member code a snapshot may hold (−1 = the MAP network).</summary>
    internal virtual int LowestMember => -1;

    /// <summary>The decision 0 (none) .. D at an opportunity at <paramref name="time"/> whose states (one per network of
    /// <see cref="NetworksOf"/>) are <paramref name="users"/>, and its probability; <paramref name="end"/> is the end of the
    /// user's window (+∞ when open-ended). Default: one draw of <see cref="Probabilities"/> on the first state.</summary>
    internal virtual int Decide(IReadOnlyList<AdUserState> users, double time, double end, ref DecisionRandom random, out double probability) =>
        Choose(users[0], ref random, out probability);

    /// <summary>What <see cref="Decide"/> does, giving every decision's probability instead of drawing one (the same random
    /// draws are consumed).</summary>
    internal virtual void Replay(IReadOnlyList<AdUserState> users, double time, double end, ref DecisionRandom random, Span<double> p)
    {
        Probabilities(users[0], p);
        random.NextDouble();
    }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        CheckContext(context);
        int member = MemberFor(ref random);
        return new AdPolicyState(this, member, random, context);
    }

    /// <summary>Snapshot version: 1 for a model without exposure inputs, 2 with them.</summary>
    private int SnapshotVersion => Model.Layout.HasExposure ? 2 : 1;

    /// <summary>Reals after the states: with exposure inputs, the time of the latest ad and its decayed counts.</summary>
    private int ExposureReals => Model.Layout.HasExposure ? 1 + Model.Layout.ExposureDecays.Count : 0;

    /// <summary>Snapshot (version 1): reals [h_1..h_H of each network followed, time of the latest event]; integers
    /// [member (−1 = MAP), an act decided and not yet observed (0/1)]. Version 2 (a model with exposure inputs) appends
    /// to the reals the time of the latest delivered ad and the decayed ad counts as of it (<see cref="AdExposure"/>).
    /// A policy that <see cref="TracksLikelihood"/> appends each network's log-likelihood of the history.</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckContext(context);
        snapshot.EnsureFrom(this, Kind, SnapshotVersion);
        int h = Model.Layout.Hidden;
        int tail = 1 + ExposureReals;
        if (snapshot.Integers.Count != 2) snapshot.EnsureShape(h + tail, 2);
        long member = snapshot.Integers[0];
        if (member < LowestMember || member >= Model.Posterior.Count)
            throw new PolicyContextException($"snapshot of '{Kind}' holds an impossible state (member {member}).");
        int networks = NetworksOf((int)member).Count;
        int sums = TracksLikelihood ? networks : 0;
        snapshot.EnsureShape(networks * h + tail + sums, 2);
        long pending = snapshot.Integers[1];
        if (pending is not (0 or 1) || snapshot.Reals.Any(x => !double.IsFinite(x)))
            throw new PolicyContextException($"snapshot of '{Kind}' holds an impossible state (member {member}, pending {pending}).");
        var state = new AdPolicyState(this, (int)member, snapshot.Random, context);
        state.Load(snapshot.Reals.Take(networks * h).ToArray(), snapshot.Reals.Skip(networks * h).Take(tail).ToArray(), pending == 1,
            snapshot.Reals.Skip(networks * h + tail).ToArray());
        return state;
    }

    internal PolicySnapshot Snapshot(AdPolicyState s, DecisionRandom random) => new(Kind, SnapshotVersion, ParameterHash,
        random.Key, random.Index, [.. s.Users.SelectMany(u => u.H.ToArray()), s.Users[0].LastTime, .. ExposureOf(s.Users[0]),
            .. (TracksLikelihood ? s.Users.Select(u => u.LogLikelihood) : [])],
        [s.Member, s.PendingAct ? 1 : 0]);

    private double[] ExposureOf(AdUserState user) => Model.Layout.HasExposure ? [user.Exposure.LastAd, .. user.Exposure.Counts] : [];

    private void CheckContext(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MarkCount != Model.Layout.Ads)
            throw new PolicyContextException($"policy '{Name}' delivers {CountText.Of(Model.Layout.Ads, "ad")} but the context has {CountText.Of(context.MarkCount, "mark")}.");
    }
}
