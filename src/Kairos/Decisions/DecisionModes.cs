namespace Kairos.Decisions;

/// <summary>What kind of decisions a policy offers, or an environment (or service route) accepts.</summary>
[Flags]
public enum DecisionModes
{
    /// <summary>The policy says when to act next, and with which mark (<see cref="IPolicyState.Next"/>).</summary>
    Timing = 1,
    /// <summary>At an exogenous opportunity the policy returns "none" or "act with mark k", with the decision's
    /// probability (<see cref="IPolicyState.Decide"/>).</summary>
    Choice = 2,
}
