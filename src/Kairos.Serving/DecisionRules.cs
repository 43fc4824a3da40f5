using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// How the service decides at an opportunity. A choice policy decides (<see cref="IPolicyState.Decide"/>) and, when
/// it acts, observes its own action. A timing-only policy observes the opportunity and acts, with its planned mark,
/// exactly when its planned next action is due (planned time ≤ the opportunity's time); that rule is deterministic
/// given the state, so its propensity is 1.
/// </summary>
public static class DecisionRules
{
    /// <summary>The action (0 = none, k + 1 = mark k) and its probability; the state has observed both the opportunity
    /// and the action.</summary>
    public static (int Action, double Propensity) Decide(IPolicyState state, ServedPolicy served, double time, string? id, double[]? context = null)
    {
        var opportunity = new Event(time, EventKind.Opportunity, 0, null, id, context);
        var none = served.Feedback(opportunity);
        if (served.Policy.Modes.HasFlag(DecisionModes.Choice))
        {
            var d = state.Decide(opportunity, none);
            if (!d.Acts) return (0, d.Probability);
            state.Observe(new Event(time, EventKind.Action, d.Mark), none);
            return (d.Mark + 1, d.Probability);
        }
        state.Observe(opportunity, none);
        var next = state.Next;
        if (!(next.Time <= time)) return (0, 1.0);
        state.Observe(new Event(time, EventKind.Action, next.Mark), none);
        return (next.Mark + 1, 1.0);
    }
}
