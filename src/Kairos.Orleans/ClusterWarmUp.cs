using Kairos.Serving;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Kairos.Orleans;

/// <summary>
/// Keeps a starting silo out of load balancers (<see cref="Readiness"/>) until it is an active member of the cluster
/// and its request path is warm: a few users' grains (ids of this process, with no records) are activated here and
/// called the way requests call them (an empty ingest, the next action, the summary), which compiles the grain, engine,
/// store and serializer code and opens store connections, so the first real activations do not pay for it within their
/// request timeout. Calls answered unavailable (the cluster still settling) are repeated. Nothing is written; the
/// engine then forgets the warm-up users.
/// </summary>
public sealed class ClusterWarmUp(IDecisionService service, DecisionEngine engine, IClusterMembershipService membership, ILocalSiloDetails silo,
    Readiness readiness, IHostApplicationLifetime lifetime) : BackgroundService
{
    public const int Users = 8;
    public const string What = "warm-up of this silo's grains";

    private readonly Readiness.Step _step = readiness.Begin(What);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stop).ConfigureAwait(false);
        while (membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) != SiloStatus.Active)
            await Task.Delay(100, stop).ConfigureAwait(false);
        var users = Enumerable.Range(0, Users).Select(k => $"kairos-warm-up-{Environment.ProcessId}-{k}").ToArray();
        while (true)
        {
            try
            {
                await Task.WhenAll(users.Select(Warm)).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is ServingUnavailableException or TimeoutException && !stop.IsCancellationRequested)
            {
                await Task.Delay(250, stop).ConfigureAwait(false);
            }
        }
        foreach (var user in users) await engine.ForgetAsync(PolicyCatalog.DefaultName, user, stop).ConfigureAwait(false);
        _step.Done();
    }

    private async Task Warm(string user)
    {
        await service.IngestAsync(PolicyCatalog.DefaultName, user, []).ConfigureAwait(false);
        await service.NextActionAsync(PolicyCatalog.DefaultName, user).ConfigureAwait(false);
        await service.UserAsync(PolicyCatalog.DefaultName, user).ConfigureAwait(false);
    }
}
