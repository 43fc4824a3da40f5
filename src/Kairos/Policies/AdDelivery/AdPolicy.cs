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
    private const int SnapshotVersion = 1;

    protected AdPolicy(AdModel model, double actionCost, string kind, string? name, params double[] numbers)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        ActionCost = actionCost >= 0 && double.IsFinite(actionCost) ? actionCost
            : throw new ArgumentOutOfRangeException(nameof(actionCost), actionCost, "the action cost must be finite and >= 0.");
        Kind = kind;
        Name = name ?? kind;
        ParameterHash = Decisions.ParameterHash.Of(kind,
            [.. model.Map.Theta, .. model.Members.SelectMany(m => m.Theta), model.Map.TimeScale, actionCost, .. numbers]);
    }

    public AdModel Model { get; }
    /// <summary>Cost of delivering an ad, in conversion-value units.</summary>
    public double ActionCost { get; }
    public string Name { get; }
    public string Kind { get; }
    public DecisionModes Modes => DecisionModes.Choice;
    public string ParameterHash { get; }

    /// <summary>The posterior member this user's state follows (−1 = the MAP network); drawn once per user.</summary>
    protected virtual int MemberFor(ref DecisionRandom random) => -1;

    /// <summary>The decision 0 (none) .. D at the opportunity whose state is <paramref name="h"/> under
    /// <paramref name="network"/>, and its probability under the policy.</summary>
    protected internal abstract int Choose(AdNetwork network, ReadOnlySpan<double> h, ref DecisionRandom random, out double probability);

    internal AdNetwork Network(int member) => member < 0 ? Model.Map : Model.Posterior[member];

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        CheckContext(context);
        int member = MemberFor(ref random);
        return new AdPolicyState(this, member, random, context.Origin);
    }

    /// <summary>Snapshot (version 1): reals [h_1..h_H, time of the latest event]; integers [member (−1 = MAP),
    /// an act decided and not yet observed (0/1)].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckContext(context);
        snapshot.EnsureFrom(this, Kind, SnapshotVersion);
        int h = Model.Layout.Hidden;
        snapshot.EnsureShape(h + 1, 2);
        long member = snapshot.Integers[0], pending = snapshot.Integers[1];
        if (member < -1 || member >= Model.Posterior.Count || pending is not (0 or 1) || snapshot.Reals.Any(x => !double.IsFinite(x)))
            throw new PolicyContextException($"snapshot of '{Kind}' holds an impossible state (member {member}, pending {pending}).");
        var state = new AdPolicyState(this, (int)member, snapshot.Random, context.Origin);
        state.Load(snapshot.Reals.Take(h).ToArray(), snapshot.Reals[h], pending == 1);
        return state;
    }

    internal PolicySnapshot Snapshot(AdPolicyState s, DecisionRandom random) => new(Kind, SnapshotVersion, ParameterHash,
        random.Key, random.Index, [.. s.User.H.ToArray(), s.User.LastTime], [s.Member, s.PendingAct ? 1 : 0]);

    private void CheckContext(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MarkCount != Model.Layout.Ads)
            throw new PolicyContextException($"policy '{Name}' delivers {Model.Layout.Ads} ads but the context has {context.MarkCount} marks.");
    }
}
