namespace Kairos.Decisions;

/// <summary>
/// A timing state that can give up its pending action: the planned action was not taken (a service found it too
/// late to send), and the next one is planned afresh from <c>now</c> on, conditioned on no own action having happened
/// since the last one. The state observes no event (the policy's history is unchanged); it draws from its
/// counter-based <see cref="DecisionRandom"/>, so replaying the same re-plan at the same point gives the same plan.
/// </summary>
public interface IReplannableState
{
    /// <summary>Plans the next action from <paramref name="now"/> (≥ the last observed event's time) on.</summary>
    void Replan(double now);
}
