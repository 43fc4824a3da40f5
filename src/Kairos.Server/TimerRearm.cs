using System.Diagnostics;
using Kairos.Serving;
using Microsoft.Extensions.Logging;

namespace Kairos.Server;

/// <summary>
/// A single node's timers live in memory, so a restart must rebuild them: every user with records under a served
/// policy is restored (or, if already resident, asked again) through <see cref="DecisionEngine.PlanAsync"/>, which
/// raises the user's plan to the <see cref="ActionScheduler"/>. Users are visited one at a time beside the traffic; a
/// user (or the list of users) whose store is unavailable is retried after Retry-After seconds. Emission stays exactly once: an action
/// already emitted before the restart is in the user's history under its id, and emitting it again is refused.
/// </summary>
internal static class TimerRearm
{
    public static async Task RunAsync(DecisionEngine engine, ILogger log, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long users = 0;
        try
        {
            foreach (var policy in engine.Policies.All.Select(p => p.Name).ToArray())
                foreach (var user in await UsersOf(engine, log, policy, stop).ConfigureAwait(false))
                {
                    await Plan(engine, log, policy, user, stop).ConfigureAwait(false);
                    users++;
                }
            log.LogInformation("re-armed the next-action timers of {Users} stored users in {Seconds:0.0} s", users, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e) { log.LogError(e, "re-arming the next-action timers stopped after {Users} users", users); }
    }

    /// <summary>The policy's stored users, materialized (no read kept open while restoring); a store out of reach
    /// (a connection timing out on a loaded machine) is asked again after Retry-After seconds, so the re-arm is
    /// delayed, never abandoned.</summary>
    private static async Task<string[]> UsersOf(DecisionEngine engine, ILogger log, string policy, CancellationToken stop)
    {
        while (true)
        {
            try { return engine.Store.Users(policy).ToArray(); }
            catch (Exception e) when (StoreFailures.IsTransient(e))
            {
                log.LogWarning("listing the stored users of {Policy}: {Message}", policy, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(ServingUnavailableException.RetryAfterSeconds), stop).ConfigureAwait(false);
            }
        }
    }

    private static async Task Plan(DecisionEngine engine, ILogger log, string policy, string user, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await engine.PlanAsync(policy, user, stop).ConfigureAwait(false);
                return;
            }
            catch (ServingUnavailableException e)
            {
                log.LogWarning("re-arming {Policy}/{User}: {Message}", policy, user, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(ServingUnavailableException.RetryAfterSeconds), stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "re-arming the next action of {Policy}/{User} failed", policy, user);
                return;
            }
        }
    }
}
