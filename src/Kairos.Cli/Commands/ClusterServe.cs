using System.Runtime.CompilerServices;
using Kairos.Orleans;
using Microsoft.AspNetCore.Builder;

namespace Kairos.Cli.Commands;

/// <summary>`kairos serve --cluster redis:HOST:PORT`: the host hook that co-hosts an Orleans silo. Kept apart from
/// <see cref="ServeCommand"/> so that a single-node `kairos serve` never loads an Orleans assembly.</summary>
public static class ClusterServe
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Action<WebApplicationBuilder> Hook(string cluster, int siloPort, int gatewayPort, double requestTimeoutSeconds, bool emitActions, double catchUpRate)
    {
        string redis = ClusterServingOptions.ParseRedis(cluster);
        EnsureReachable(cluster, redis);
        var options = new ClusterServingOptions
        {
            Redis = redis,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            RequestTimeout = TimeSpan.FromSeconds(requestTimeoutSeconds),
            EmitActions = emitActions,
            CatchUpRate = catchUpRate,
        };
        return builder => ClusterHosting.CoHost(builder, options);
    }

    /// <summary>A Redis that does not answer is the user's problem to fix, not an internal error at silo start.</summary>
    private static void EnsureReachable(string cluster, string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        string host = endpoint[..colon];
        int port = int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)))
                throw new UserInputException($"--cluster {cluster}: Redis at {endpoint} did not answer within 3 s.");
        }
        catch (Exception e) when (e is AggregateException or System.Net.Sockets.SocketException)
        {
            throw new UserInputException($"--cluster {cluster}: cannot reach Redis at {endpoint} ({e.GetBaseException().Message}); " +
                "start one, e.g. `bash .ci/start-redis PORT`.");
        }
    }
}
