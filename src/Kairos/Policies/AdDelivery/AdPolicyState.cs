using Kairos.Decisions;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Policies.AdDelivery;

/// <summary>One user's state under an <see cref="AdPolicy"/>: the model state h of the history under each network the
/// policy follows (one, or every posterior member for the posterior-predictive planner; feedback marks beyond the
/// model's are refused), the member code, the end of the user's window (+∞ when open-ended), and whether an ad decided
/// at the latest opportunity is yet to be reported as an action event. Off-policy evaluation replays it along a log
/// (<see cref="IReplayableChoiceState"/>): the same steps and random draws as <see cref="Decide"/>, with the logged
/// decision in place of the drawn one.</summary>
internal sealed class AdPolicyState : IPolicyState, IReplayableChoiceState
{
    private readonly AdPolicy _policy;
    private readonly AdUserState[] _users;
    private readonly double _end;
    private DecisionRandom _random;

    public AdPolicyState(AdPolicy policy, int member, DecisionRandom random, PolicyContext context)
    {
        _policy = policy;
        Member = member;
        _random = random;
        _users = policy.NetworksOf(member).Select(n => new AdUserState(n, context.Origin) { TracksLikelihood = policy.TracksLikelihood }).ToArray();
        _end = context.Horizon is { } horizon ? context.Origin + horizon : double.PositiveInfinity;
    }

    public int Member { get; }
    public IReadOnlyList<AdUserState> Users => _users;
    public bool PendingAct { get; private set; }
    public PlannedAction Next => PlannedAction.None;

    /// <summary>Restores every network's h (concatenated) and the tail [last event time, (time of the latest ad, decayed
    /// ad counts) with exposure inputs] and each network's log-likelihood of the history (when tracked) (snapshots).</summary>
    public void Load(double[] h, double[] tail, bool pending, double[] logLikelihoods)
    {
        int n = _policy.Model.Layout.Hidden;
        bool exposure = _policy.Model.Layout.HasExposure;
        for (int i = 0; i < _users.Length; i++)
        {
            if (exposure) _users[i].Set(h.AsSpan(i * n, n), tail[0], tail[1], tail.AsSpan(2));
            else _users[i].Set(h.AsSpan(i * n, n), tail[0]);
            if (_users[i].TracksLikelihood) _users[i].LogLikelihood = logLikelihoods[i];
        }
        PendingAct = pending;
    }

    public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
    {
        Step(new Event(opportunity.Time, EventKind.Opportunity));
        int d = _policy.Decide(_users, opportunity.Time, _end, ref _random, out double p);
        if (d == 0)
        {
            Step(new Event(opportunity.Time, EventKind.Action, 0));
            return Decision.None(p);
        }
        PendingAct = true;
        return Decision.Act(d - 1, p);
    }

    public void Replay(in Event opportunity, ReadOnlySpan<double> feedback, Span<double> probabilities, int decision)
    {
        Step(new Event(opportunity.Time, EventKind.Opportunity));
        _policy.Replay(_users, opportunity.Time, _end, ref _random, probabilities);
        if (decision < 0) Step(new Event(opportunity.Time, EventKind.Action, 0));
        else PendingAct = true;
    }

    /// <summary>What <see cref="Replay"/> does for a planner, returning its Q(d) for every d instead of its decision's
    /// probabilities (the same steps and random draws).</summary>
    internal double[] ReplayValues(in Event opportunity, int decision)
    {
        var planner = _policy as AdPlanningPolicy ?? throw new InvalidOperationException($"policy '{_policy.Name}' does not plan.");
        Step(new Event(opportunity.Time, EventKind.Opportunity));
        var q = planner.ReplayValues(_users, opportunity.Time, _end, ref _random);
        if (decision < 0) Step(new Event(opportunity.Time, EventKind.Action, 0));
        else PendingAct = true;
        return q;
    }

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        var layout = _policy.Model.Layout;
        switch (e.Kind)
        {
            case EventKind.Action:
                if ((uint)e.Mark >= (uint)layout.Ads)
                    throw new PolicyContextException($"policy '{_policy.Name}' knows ads 0..{layout.Ads - 1}, got an action of mark {e.Mark}.");
                Step(e with { Mark = e.Mark + 1 });
                PendingAct = false;
                break;
            case EventKind.Feedback:
                if ((uint)e.Mark >= (uint)layout.FeedbackMarks)
                    throw new PolicyContextException($"policy '{_policy.Name}' knows feedback marks 0..{layout.FeedbackMarks - 1}, got {e.Mark}.");
                Step(e);
                break;
            default:   // an opportunity the policy was not asked about: the system did nothing at it
                Step(e);
                Step(new Event(e.Time, EventKind.Action, 0));
                break;
        }
    }

    private void Step(in Event e)
    {
        foreach (var u in _users) u.Step(e);
    }

    public PolicySnapshot Snapshot() => _policy.Snapshot(this, _random);
}
