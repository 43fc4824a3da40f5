namespace Kairos.Decisions;

/// <summary>
/// A delivery policy: holds only parameters and is shared across threads and users. Per-user state is an
/// <see cref="IPolicyState"/>, created for a <see cref="PolicyContext"/> with a counter-based random stream, or
/// restored from a <see cref="PolicySnapshot"/>. A policy offers timing decisions (when to act next), choice
/// decisions (at an opportunity: none or act with mark k), or both (<see cref="Modes"/>).
/// </summary>
public interface IDeliveryPolicy
{
    string Name { get; }

    /// <summary>Stable kind name written into snapshots and policy files (e.g. "uniform", "tpprl").</summary>
    string Kind { get; }

    DecisionModes Modes { get; }

    /// <summary>Whether the policy plans towards a deadline (cram, oracle, deadline features) and so refuses a
    /// context without a horizon.</summary>
    bool RequiresHorizon => false;

    /// <summary>Fingerprint of the parameters (<see cref="Decisions.ParameterHash.Of"/>), stored in every snapshot.</summary>
    string ParameterHash { get; }

    /// <summary>A fresh per-user state at <see cref="PolicyContext.Origin"/>; every random draw comes from
    /// <paramref name="random"/>'s counter-based stream. Throws <see cref="PolicyContextException"/> when the
    /// context does not fit the policy.</summary>
    IPolicyState CreateState(PolicyContext context, DecisionRandom random);

    /// <summary>Rebuilds the state a <see cref="IPolicyState.Snapshot"/> captured; every later decision is identical
    /// to the uninterrupted state's. Refuses (<see cref="PolicyContextException"/>) a snapshot of another policy.</summary>
    IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context);
}
