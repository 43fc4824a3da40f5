namespace Kairos.Decisions;

/// <summary>
/// A policy's per-user state as an immutable value: which policy (kind, state-format version and a hash of its
/// parameters), the decision generator's position (key and draw index) and the state's numbers. It round-trips
/// through JSON (<see cref="PolicySnapshotJson"/>) and a compact binary form (<see cref="PolicySnapshotBinary"/>)
/// bit for bit; <see cref="IDeliveryPolicy.Restore"/> rebuilds the state and refuses a snapshot of another policy.
/// </summary>
/// <param name="Policy">The policy kind that wrote it (e.g. "tpprl", "uniform").</param>
/// <param name="Version">Version of that kind's state layout.</param>
/// <param name="ParameterHash">Hash of the policy's parameters (<see cref="ParameterHash"/>).</param>
/// <param name="RandomKey">Key of the decision generator.</param>
/// <param name="RandomIndex">Draws taken so far.</param>
/// <param name="Reals">The state's real numbers, in the kind's documented order.</param>
/// <param name="Integers">The state's integers, in the kind's documented order.</param>
public sealed record PolicySnapshot(string Policy, int Version, string ParameterHash, ulong RandomKey, long RandomIndex,
    IReadOnlyList<double> Reals, IReadOnlyList<long> Integers)
{
    /// <summary>The "format" field of serialized snapshots.</summary>
    public const string Format = "kairos.policy-state";

    public DecisionRandom Random => new(RandomKey, RandomIndex);

    /// <summary>Checks that this snapshot was written by <paramref name="policy"/> (same kind, version and parameters).</summary>
    public void EnsureFrom(IDeliveryPolicy policy, string kind, int version)
    {
        if (!string.Equals(Policy, kind, StringComparison.Ordinal))
            throw new PolicyContextException($"snapshot of a '{Policy}' policy cannot be restored into policy '{policy.Name}' ({kind}).");
        if (Version != version)
            throw new PolicyContextException($"snapshot of '{Policy}' has state version {Version}; this build reads version {version}.");
        if (!string.Equals(ParameterHash, policy.ParameterHash, StringComparison.Ordinal))
            throw new PolicyContextException(
                $"snapshot was taken under '{Policy}' parameters {ParameterHash}, but policy '{policy.Name}' has parameters " +
                $"{policy.ParameterHash}; a state only continues under the parameters that produced it.");
    }

    /// <summary>Checks the snapshot's shape (counts of reals and integers) against what <paramref name="kind"/> expects.</summary>
    public void EnsureShape(int reals, int integers)
    {
        if (Reals.Count != reals || Integers.Count != integers)
            throw new PolicyContextException(
                $"snapshot of '{Policy}' has {CountText.Of(Reals.Count, "real")} and {CountText.Of(Integers.Count, "integer")}; expected {reals} and {integers}.");
    }

    public bool Equals(PolicySnapshot? other) =>
        other is not null && Policy == other.Policy && Version == other.Version && ParameterHash == other.ParameterHash
        && RandomKey == other.RandomKey && RandomIndex == other.RandomIndex
        && Reals.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.Reals.Select(BitConverter.DoubleToInt64Bits))
        && Integers.SequenceEqual(other.Integers);

    public override int GetHashCode() => HashCode.Combine(Policy, Version, ParameterHash, RandomKey, RandomIndex, Reals.Count, Integers.Count);
}
