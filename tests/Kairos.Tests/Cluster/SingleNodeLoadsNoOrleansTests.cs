using Kairos.Tests.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Cluster;

/// <summary>`kairos serve` without --cluster stays single-node: the running process has mapped no Orleans assembly
/// (read from /proc/PID/maps of the built CLI as a child process), while it has mapped the server's.</summary>
public sealed class SingleNodeLoadsNoOrleansTests
{
    [Fact]
    public async Task Serve_without_cluster_maps_no_Orleans_assembly()
    {
        using var server = await ServerProcess.StartAsync(ServingFixtures.TempDb(), LiveServer.BaselineFile("uniform", "rate", 1), seed: 1);
        Assert.Equal(200, (await Post(server.Client, "/v1/users/a/events", Events(("e", 1)))).Item1);
        Assert.Equal(200, (await Get(server.Client, "/v1/stats")).Item1);
        var mapped = File.ReadAllLines($"/proc/{server.Id}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(f => f.EndsWith(".dll", StringComparison.Ordinal)).Select(Path.GetFileName).Distinct().ToArray();
        Assert.Contains("Kairos.Server.dll", mapped);   // the check sees managed assemblies
        Assert.DoesNotContain(mapped, f => f!.Contains("Orleans", StringComparison.OrdinalIgnoreCase));
        server.Kill();
    }
}
