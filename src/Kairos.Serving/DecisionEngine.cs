using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// The decision service without HTTP: per-user policy states (one per named policy and user), events applied in time
/// order, next actions and decisions at opportunities, all durable through an <see cref="IUserStateStore"/> before
/// they are answered. A user's state is rebuilt from the latest snapshot plus the records after it; because every
/// draw is counter-based (<see cref="DecisionRandom"/>), the rebuilt state makes the decisions the uninterrupted one
/// would have made, bit for bit. Ids make ingestion idempotent and a retried opportunity gets its stored decision.
/// </summary>
public sealed class DecisionEngine(IUserStateStore store, PolicyCatalog policies, EngineOptions? options = null) : IDecisionService
{
    private readonly UserCache _cache = new((options ?? new()).UserCapacity);

    public EngineOptions Options { get; } = options ?? new();
    public PolicyCatalog Policies { get; } = policies;
    public IUserStateStore Store { get; } = store;
    public int UsersInMemory => _cache.Count;
    public long Evictions => Interlocked.Read(ref _cache.Evictions);

    public Task<IngestResult> IngestAsync(string policy, string user, IReadOnlyList<IncomingEvent> events, CancellationToken ct = default)
    {
        CheckUser(user);
        if (events.Count > Options.MaxBatch)
            throw new ServingInputException("events", $"the batch has {events.Count} events; at most {Options.MaxBatch} are accepted per request.");
        for (int i = 0; i < events.Count; i++) CheckEvent(events[i], $"events[{i}]");
        return WithUser(policy, user, (entry, served) => Ingest(entry, served, events, ct), ct);
    }

    public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, CancellationToken ct = default)
    {
        CheckUser(user);
        CheckId(id, "id");
        CheckTime(time, "time");
        return WithUser(policy, user, (entry, served) => Decide(entry, served, id, time, ct), ct);
    }

    public Task<NextActionResult> NextActionAsync(string policy, string user, CancellationToken ct = default)
    {
        CheckUser(user);
        return WithUser(policy, user, (entry, served) =>
        {
            var next = entry.State!.Next;
            return Task.FromResult(new NextActionResult(double.IsFinite(next.Time) ? next.Time : null, next.Mark, served.Version));
        }, ct);
    }

    /// <summary>The user's history size and last time, or null for a user with no events.</summary>
    public Task<UserSummary?> UserAsync(string policy, string user, CancellationToken ct = default)
    {
        CheckUser(user);
        return WithUser(policy, user, (entry, _) =>
            Task.FromResult(entry.Count == 0 ? null : new UserSummary(entry.Count, entry.LastTime)), ct);
    }

    /// <summary>The user's latest <paramref name="limit"/> records, planned next action and intensity curve, or null
    /// for a user with no events.</summary>
    public Task<UserTimeline?> TimelineAsync(string policy, string user, int limit = 200, CancellationToken ct = default)
    {
        CheckUser(user);
        return WithUser(policy, user, (entry, served) => Task.FromResult(entry.Count == 0 ? null
            : UserTimeline.Of(served, user, entry.State!, entry.Count, entry.LastTime, Store.ReadUser(served.Name, user), limit)), ct);
    }

    /// <summary>Drops the user's resident state once its current request is done; the next request restores it from
    /// the store. A host that moves users between processes (a grain activating on another silo) calls it so a stale
    /// copy is never used.</summary>
    public async Task ForgetAsync(string policy, string user, CancellationToken ct = default)
    {
        if (!_cache.TryGet(policy, user, out var entry)) return;
        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            entry.Evicted = true;
            _cache.Remove(entry);
        }
        finally { entry.Gate.Release(); }
    }

    private async Task<T> WithUser<T>(string policy, string user, Func<UserEntry, ServedPolicy, Task<T>> body, CancellationToken ct)
    {
        Policies.Get(policy);   // an unknown policy fails before any state is touched
        while (true)
        {
            var entry = _cache.Get(policy, user);
            await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (entry.Evicted) continue;
                var served = Policies.Get(policy);
                try
                {
                    if (!entry.Loaded || entry.Served!.Version != served.Version) await Load(entry, served, ct).ConfigureAwait(false);
                    return await body(entry, served).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not ServingInputException and not EventOrderException and not IdConflictException)
                {
                    entry.Reset();   // the state may be ahead of the store: rebuild it on the next request
                    throw;
                }
            }
            finally { entry.Gate.Release(); }
        }
    }

    private async Task Load(UserEntry entry, ServedPolicy served, CancellationToken ct)
    {
        entry.Reset();
        var history = await Store.LoadAsync(served.Name, entry.User, served.Version, ct).ConfigureAwait(false);
        var state = history.Snapshot is { } s
            ? served.Policy.Restore(PolicySnapshotBinary.Read(s.State), served.Context)
            : served.CreateState(entry.User);
        foreach (var record in history.Records) Replay(state, served, record);
        foreach (var record in history.IdentifiedRecords) entry.Ids[record.Id!] = record;
        (entry.State, entry.Served, entry.Count, entry.LastTime, entry.SnapshotSeq, entry.Loaded) =
            (state, served, history.Count, history.LastTime, history.Snapshot?.Seq ?? 0, true);
    }

    /// <summary>Applies a stored record; a decision made by this version is made again and must come out the same.</summary>
    private static void Replay(IPolicyState state, ServedPolicy served, StoredRecord r)
    {
        if (!r.IsDecision) { Observe(state, served, r.ToEvent()); return; }
        if (r.PolicyVersion == served.Version)
        {
            var (action, p) = DecisionRules.Decide(state, served, r.Time, r.Id);
            if (action != r.Mark || BitConverter.DoubleToInt64Bits(p) != BitConverter.DoubleToInt64Bits(r.Propensity!.Value))
                throw new InvalidOperationException(
                    $"replaying opportunity '{r.Id}' of version {served.Version} gave action {action} (p={p:R}); the store says {r.Mark} (p={r.Propensity:R}).");
            return;
        }
        Observe(state, served, r.ToEvent());   // a decision of another version is history: observe what was done
        if (r.Mark > 0) Observe(state, served, new Event(r.Time, EventKind.Action, r.Mark - 1));
    }

    private static void Observe(IPolicyState state, ServedPolicy served, Event e) => state.Observe(e, served.Feedback(e));

    private async Task<IngestResult> Ingest(UserEntry entry, ServedPolicy served, IReadOnlyList<IncomingEvent> events, CancellationToken ct)
    {
        var fresh = new List<StoredRecord>(events.Count);
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        double? last = entry.LastTime;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            CheckMark(e, served, $"events[{i}].mark");
            if (e.Id is not null && (entry.Ids.ContainsKey(e.Id) || !batchIds.Add(e.Id)))
            {
                duplicates++;
                continue;
            }
            if (last is { } l && e.Time < l)
                throw new EventOrderException($"events[{i}].time",
                    $"event {(e.Id is null ? $"#{i}" : $"'{e.Id}'")} at time {e.Time:R} is earlier than user '{entry.User}''s last applied event " +
                    $"at {l:R}; events must arrive in time order and are never reordered.");
            last = e.Time;
            fresh.Add(new StoredRecord(entry.Count + fresh.Count + 1, e.Id, e.Time, e.Kind, e.Kind == EventKind.Opportunity ? 0 : e.Mark, e.Value));
        }
        if (fresh.Count > 0)
        {
            foreach (var r in fresh) Observe(entry.State!, served, r.ToEvent());
            await Commit(entry, served, fresh, ct).ConfigureAwait(false);
        }
        return new IngestResult(fresh.Count, duplicates);
    }

    private async Task<OpportunityResult> Decide(UserEntry entry, ServedPolicy served, string id, double time, CancellationToken ct)
    {
        if (entry.Ids.TryGetValue(id, out var prior))
            return prior.IsDecision
                ? new OpportunityResult(prior.Mark, prior.Propensity!.Value, prior.PolicyVersion!, Repeated: true)
                : throw new IdConflictException("id", $"id '{id}' is already used by a {Kairos.Data.EventKindNames.Name(prior.Kind)} event of user '{entry.User}'.");
        if (entry.LastTime is { } l && time < l)
            throw new EventOrderException("time", $"opportunity '{id}' at time {time:R} is earlier than user '{entry.User}''s last applied event at {l:R}; " +
                "events must arrive in time order and are never reordered.");
        var (action, p) = DecisionRules.Decide(entry.State!, served, time, id);
        var record = new StoredRecord(entry.Count + 1, id, time, EventKind.Opportunity, action, null, p, served.Version);
        await Commit(entry, served, [record], ct).ConfigureAwait(false);
        return new OpportunityResult(action, p, served.Version, Repeated: false);
    }

    /// <summary>Writes the records (and a snapshot when one is due) and waits for the commit; only then does the
    /// entry advance.</summary>
    private async Task Commit(UserEntry entry, ServedPolicy served, IReadOnlyList<StoredRecord> records, CancellationToken ct)
    {
        long count = records[^1].Seq;
        StoredSnapshot? snapshot = count - entry.SnapshotSeq >= Options.SnapshotEvery
            ? new StoredSnapshot(count, served.Version, PolicySnapshotBinary.Write(entry.State!.Snapshot()))
            : null;
        await Store.CommitAsync(new UserWrite(served.Name, entry.User, records, snapshot), ct).ConfigureAwait(false);
        entry.Count = count;
        entry.LastTime = records[^1].Time;
        if (snapshot is not null) entry.SnapshotSeq = count;
        foreach (var r in records)
            if (r.Id is not null) entry.Ids[r.Id] = r;
    }

    private void CheckUser(string user)
    {
        if (string.IsNullOrEmpty(user)) throw new ServingInputException("id", "the user id is empty.");
        if (user.Length > Options.MaxIdLength)
            throw new ServingInputException("id", $"the user id has {user.Length} characters; at most {Options.MaxIdLength} are allowed.");
    }

    private void CheckId(string? id, string field)
    {
        if (id is null) throw new ServingInputException(field, "the id is missing.");
        if (id.Length == 0) throw new ServingInputException(field, "the id is empty.");
        if (id.Length > Options.MaxIdLength)
            throw new ServingInputException(field, $"the id has {id.Length} characters; at most {Options.MaxIdLength} are allowed.");
    }

    private static void CheckTime(double time, string field)
    {
        if (!double.IsFinite(time)) throw new ServingInputException(field, $"time {time} is not a finite number.");
        if (time < 0) throw new ServingInputException(field, $"time {time:R} is negative; times are ≥ 0 on the user's clock.");
    }

    private void CheckEvent(IncomingEvent e, string field)
    {
        if (e.Id is not null) CheckId(e.Id, field + ".id");
        CheckTime(e.Time, field + ".time");
        if (e.Mark < 0) throw new ServingInputException(field + ".mark", $"mark {e.Mark} is negative.");
        if (e.Value is { } v && !double.IsFinite(v)) throw new ServingInputException(field + ".value", $"value {v} is not a finite number.");
    }

    private static void CheckMark(IncomingEvent e, ServedPolicy served, string field)
    {
        if (e.Kind == EventKind.Action && e.Mark >= served.Context.MarkCount)
            throw new ServingInputException(field, $"action mark {e.Mark} is outside [0, {served.Context.MarkCount}) of policy '{served.Name}'.");
        if (e.Kind == EventKind.Feedback && served.FeedbackMarks is { } m && e.Mark >= m)
            throw new ServingInputException(field, $"feedback mark {e.Mark} is outside [0, {m}) of policy '{served.Name}'.");
    }
}
