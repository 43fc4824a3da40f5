using Kairos.Decisions;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Policies.AdDelivery;

/// <summary>One user's state under an <see cref="AdPolicy"/>: the model state h of the history (feedback marks beyond
/// the model's are refused), the member it follows, and whether an ad decided at the latest opportunity is yet to be
/// reported as an action event. Off-policy evaluation replays it along a log (<see cref="IReplayableChoiceState"/>):
/// the same steps and random draws as <see cref="Decide"/>, with the logged decision in place of the drawn one.</summary>
internal sealed class AdPolicyState : IPolicyState, IReplayableChoiceState
{
    private readonly AdPolicy _policy;
    private DecisionRandom _random;

    public AdPolicyState(AdPolicy policy, int member, DecisionRandom random, double origin)
    {
        _policy = policy;
        Member = member;
        _random = random;
        User = new AdUserState(policy.Network(member), origin);
    }

    public int Member { get; }
    public AdUserState User { get; }
    public bool PendingAct { get; private set; }
    public PlannedAction Next => PlannedAction.None;

    public void Load(double[] h, double lastTime, bool pending)
    {
        User.Set(h, lastTime);
        PendingAct = pending;
    }

    public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
    {
        User.Step(new Event(opportunity.Time, EventKind.Opportunity));
        int d = _policy.Choose(User.Network, User.H, ref _random, out double p);
        if (d == 0)
        {
            User.Step(new Event(opportunity.Time, EventKind.Action, 0));
            return Decision.None(p);
        }
        PendingAct = true;
        return Decision.Act(d - 1, p);
    }

    public void Replay(in Event opportunity, ReadOnlySpan<double> feedback, Span<double> probabilities, int decision)
    {
        User.Step(new Event(opportunity.Time, EventKind.Opportunity));
        _policy.Probabilities(User.Network, User.H, probabilities);
        _random.NextDouble();
        if (decision < 0) User.Step(new Event(opportunity.Time, EventKind.Action, 0));
        else PendingAct = true;
    }

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        var layout = User.Network.Layout;
        switch (e.Kind)
        {
            case EventKind.Action:
                if ((uint)e.Mark >= (uint)layout.Ads)
                    throw new PolicyContextException($"policy '{_policy.Name}' knows ads 0..{layout.Ads - 1}, got an action of mark {e.Mark}.");
                User.Step(e with { Mark = e.Mark + 1 });
                PendingAct = false;
                break;
            case EventKind.Feedback:
                if ((uint)e.Mark >= (uint)layout.FeedbackMarks)
                    throw new PolicyContextException($"policy '{_policy.Name}' knows feedback marks 0..{layout.FeedbackMarks - 1}, got {e.Mark}.");
                User.Step(e);
                break;
            default:   // an opportunity the policy was not asked about: the system did nothing at it
                User.Step(e);
                User.Step(new Event(e.Time, EventKind.Action, 0));
                break;
        }
    }

    public PolicySnapshot Snapshot() => _policy.Snapshot(this, _random);
}
