using Kairos.Decisions;
using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>Thompson sampling over the bootstrap posterior: each user draws one member (one uniform from the
/// user's decision stream, at state creation) and is then served the myopic rule under that member, following the
/// user's history through that member's own cell. Kind "ad-thompson".</summary>
public sealed class AdThompsonPolicy(AdModel model, IReadOnlyList<double> costs, string? name = null)
    : AdMyopicPolicy(model, costs, name, KindName)
{
    public new const string KindName = "ad-thompson";

    protected override int MemberFor(ref DecisionRandom random) => random.NextInt(Model.Posterior.Count);
}
