namespace Kairos.Serving;

/// <summary>A cluster member as the dashboard lists it: address, status ("Active", "Dead", …) and whether it is the
/// member answering.</summary>
public sealed record ClusterMember(string Address, string Status, bool IsSelf);

/// <summary>The members of the cluster the service runs on; registered only when clustered.</summary>
public interface IClusterView
{
    Task<IReadOnlyList<ClusterMember>> MembersAsync(CancellationToken ct = default);
}
