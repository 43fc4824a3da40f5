using System.Net;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Kairos.Orleans;

/// <summary>
/// Co-hosts an Orleans silo in the decision service's process (`kairos serve --cluster redis:HOST:PORT`):
/// membership and reminders on Redis, user state in Kairos's own store (the engine's), the routes' calls through
/// <see cref="OrleansDecisionService"/>. Membership is tuned for fast failover (<see cref="TuneFailover"/>).
/// </summary>
public static class ClusterHosting
{
    public static void CoHost(IHostApplicationBuilder builder, ClusterServingOptions options)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, "kairos"));
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            silo.Configure<ClusterMembershipOptions>(TuneFailover);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.RequestTimeout);
        });
        AddServices(builder.Services, options);
        builder.Services.AddHostedService<ClusterWarmUp>();   // /health/ready waits for it
    }

    /// <summary>The cluster's services over a silo's DI container (also used by the test clusters).</summary>
    public static void AddServices(IServiceCollection services, ClusterServingOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ActionOutbox>();
        services.AddSingleton(sp => new CatchUpPacer(options.CatchUpRate, options.Clock, ActiveSilos(sp.GetRequiredService<IClusterMembershipService>())));
        services.AddSingleton<IDecisionService>(sp => new OrleansDecisionService(sp.GetRequiredService<IGrainFactory>(), options,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OrleansDecisionService>>()));
        services.AddSingleton<IClusterView, OrleansClusterView>();
    }

    /// <summary>The active members in this silo's view of the membership (at least 1): each silo's catch-up pacer
    /// takes that share of the cluster's --catch-up-rate. A silo dead but not yet declared still counts, so for the
    /// seconds until it is declared the survivors pace below the budget, never above it.</summary>
    public static Func<int> ActiveSilos(IClusterMembershipService membership) => () =>
        Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active));

    /// <summary>
    /// A dead silo is declared after 2 missed probes of 2 s each, on one vote: its users are served again after
    /// ~2–3 s instead of ~12 s with the defaults (measured: ../shared/reference/serving.md). One vote suffices on a
    /// small cluster; with many silos raise it to 2 so a single slow prober cannot evict a healthy silo.
    /// </summary>
    public static void TuneFailover(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
    }
}
