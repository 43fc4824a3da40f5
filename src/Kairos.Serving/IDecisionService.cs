namespace Kairos.Serving;

/// <summary>
/// The per-user operations the HTTP routes call. On one node it is the <see cref="DecisionEngine"/> itself; in a
/// cluster (Kairos.Orleans) each call goes to the user's grain, which runs the same engine on the silo that holds
/// the user.
/// </summary>
public interface IDecisionService
{
    Task<IngestResult> IngestAsync(string policy, string user, IReadOnlyList<IncomingEvent> events, CancellationToken ct = default);
    Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, CancellationToken ct = default);
    Task<NextActionResult> NextActionAsync(string policy, string user, CancellationToken ct = default);
    Task<UserSummary?> UserAsync(string policy, string user, CancellationToken ct = default);
    Task<UserTimeline?> TimelineAsync(string policy, string user, int limit = 200, CancellationToken ct = default);
}
