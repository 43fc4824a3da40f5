using System.Runtime.CompilerServices;
using Kairos.Orleans;
using Microsoft.AspNetCore.Builder;

namespace Kairos.Cli.Commands;

/// <summary>`kairos serve --cluster redis:HOST:PORT`: the host hook that co-hosts an Orleans silo. Kept apart from
/// <see cref="ServeCommand"/> so that a single-node `kairos serve` never loads an Orleans assembly.</summary>
public static class ClusterServe
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Action<WebApplicationBuilder> Hook(string cluster, int siloPort, int gatewayPort, double requestTimeoutSeconds, bool emitActions)
    {
        var options = new ClusterServingOptions
        {
            Redis = ClusterServingOptions.ParseRedis(cluster),
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            RequestTimeout = TimeSpan.FromSeconds(requestTimeoutSeconds),
            EmitActions = emitActions,
        };
        return builder => ClusterHosting.CoHost(builder, options);
    }
}
