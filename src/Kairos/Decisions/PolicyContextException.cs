namespace Kairos.Decisions;

/// <summary>A policy cannot run in the given context (no horizon where one is needed, a mismatch of marks or
/// feedback size, a snapshot of another policy). The message names the policy and what does not fit.</summary>
public sealed class PolicyContextException(string message) : InvalidOperationException(message);
