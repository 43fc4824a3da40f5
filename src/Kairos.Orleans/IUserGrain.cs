namespace Kairos.Orleans;

/// <summary>
/// One grain per (policy, user), keyed by <see cref="UserGrainKey"/>. It runs the single-node
/// <see cref="Kairos.Serving.DecisionEngine"/> for its user on the silo that activated it: one activation in the
/// cluster and one call at a time, so a user's requests apply in order wherever the user lives.
/// </summary>
[Alias("kairos.user-grain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("ingest")] Task<IngestReply> Ingest(GrainEvent[] events);
    [Alias("decide")] Task<DecideReply> Decide(string id, double time, double[]? context);
    [Alias("next-action")] Task<NextActionReply> NextAction();
    [Alias("summary")] Task<UserReply> Summary();
    [Alias("timeline")] Task<TimelineReply> Timeline(int limit);
    /// <summary>Emits the planned next action if it is due (what the reminder does); true when one was emitted.</summary>
    [Alias("emit-due")] Task<bool> EmitDue();
}
