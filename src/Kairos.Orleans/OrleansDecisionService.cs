using Kairos.Serving;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Kairos.Orleans;

/// <summary>
/// The HTTP routes' <see cref="IDecisionService"/> in a cluster: each call goes to the user's grain. A call that
/// cannot reach the grain (its silo is failing over, the message is rejected, or it takes longer than the request
/// timeout, counted on <see cref="ClusterServingOptions.Clock"/> from the call) becomes
/// <see cref="ServingUnavailableException"/>, answered 503 with Retry-After: never a hang, never a 500. Retrying is
/// safe: events and opportunities are idempotent by id. Each such answer is logged (one line: the user and what
/// failed), so a window of 503s can be traced to its cause.
/// </summary>
public sealed class OrleansDecisionService(IGrainFactory grains, ClusterServingOptions options, ILogger? log = null) : IDecisionService
{
    public async Task<IngestResult> IngestAsync(string policy, string user, IReadOnlyList<IncomingEvent> events, CancellationToken ct = default)
    {
        var r = await Call(policy, user, g => g.Ingest(events.Select(GrainEvent.From).ToArray()), ct);
        Throw(r.Fault);
        return new IngestResult(r.Applied, r.Duplicates);
    }

    public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, CancellationToken ct = default) =>
        DecideAsync(policy, user, id, time, null, ct);

    /// <summary>The context vector travels to the grain, which passes it to the engine as a single node does.</summary>
    public async Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, double[]? context, CancellationToken ct = default)
    {
        var r = await Call(policy, user, g => g.Decide(id, time, context), ct);
        Throw(r.Fault);
        return new OpportunityResult(r.Action, r.Propensity, r.PolicyVersion, r.Repeated);
    }

    public async Task<NextActionResult> NextActionAsync(string policy, string user, CancellationToken ct = default)
    {
        var r = await Call(policy, user, g => g.NextAction(), ct);
        Throw(r.Fault);
        return new NextActionResult(r.Time, r.Mark, r.PolicyVersion);
    }

    public async Task<UserSummary?> UserAsync(string policy, string user, CancellationToken ct = default)
    {
        var r = await Call(policy, user, g => g.Summary(), ct);
        Throw(r.Fault);
        return r.Found ? new UserSummary(r.Events, r.LastTime) : null;
    }

    public async Task<UserTimeline?> TimelineAsync(string policy, string user, int limit = 200, CancellationToken ct = default)
    {
        var r = await Call(policy, user, g => g.Timeline(limit), ct);
        Throw(r.Fault);
        return r.Found ? r.ToTimeline() : null;
    }

    private async Task<T> Call<T>(string policy, string user, Func<IUserGrain, Task<T>> call, CancellationToken ct)
    {
        var grain = grains.GetGrain<IUserGrain>(UserGrainKey.Of(policy, user));
        try { return await call(grain).WaitAsync(options.RequestTimeout, options.Clock, ct).ConfigureAwait(false); }
        catch (Exception e) when (IsUnavailable(e, ct))
        {
            log?.LogWarning("503 for {Policy}/{User}: {Type}: {Message}", policy, user, e.GetType().Name, e.Message);
            throw new ServingUnavailableException($"user '{user}' of policy '{policy}' is not reachable right now ({e.GetType().Name}); " +
                $"retry after {ServingUnavailableException.RetryAfterSeconds} s.", e);
        }
    }

    /// <summary>Failures of reaching a grain, as opposed to the grain's own errors.</summary>
    public static bool IsUnavailable(Exception e, CancellationToken ct) => e switch
    {
        TimeoutException => true,
        OperationCanceledException => !ct.IsCancellationRequested,
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException => true,
        OrleansException => true,
        _ => false,
    };

    private static void Throw(GrainFault? fault)
    {
        if (fault is not null) throw fault.ToException();
    }
}
