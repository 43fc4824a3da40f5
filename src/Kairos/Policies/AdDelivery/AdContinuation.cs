namespace Kairos.Policies.AdDelivery;

/// <summary>What a planning policy's rollouts assume after the decision it plans (docs/ad-delivery.md, "Planning
/// policies"): no ad (one step of policy improvement over <c>never</c>: charges no fatigue to later ads), or the greedy
/// rule (one step over greedy, as the simulator's oracles: later ads are delivered, so an ad now pays only net of what it
/// takes from them).</summary>
public enum AdContinuation
{
    None = 0,
    Greedy = 1,
}
