using Kairos.Serving;
using Orleans.Runtime;
using ClusterMember = Kairos.Serving.ClusterMember;

namespace Kairos.Orleans;

/// <summary>The cluster's members from the membership table (through the management grain), for the dashboard.</summary>
public sealed class OrleansClusterView(IGrainFactory grains, ILocalSiloDetails self) : IClusterView
{
    public async Task<IReadOnlyList<ClusterMember>> MembersAsync(CancellationToken ct = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(2), ct);
        return hosts.OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h => new ClusterMember(h.SiloAddress.ToString(), h.Status.ToString(), h.SiloAddress.Equals(self.SiloAddress)))
            .ToArray();
    }
}
