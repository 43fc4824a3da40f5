using System.Diagnostics;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// The decision service without HTTP: per-user policy states (one per named policy and user), events applied in time
/// order, next actions and decisions at opportunities, all durable through an <see cref="IUserStateStore"/> before
/// they are answered. A user's state is rebuilt from the latest snapshot plus the records after it; because every
/// draw is counter-based (<see cref="DecisionRandom"/>), the rebuilt state makes the decisions the uninterrupted one
/// would have made, bit for bit. Ids make ingestion idempotent and a retried opportunity gets its stored decision;
/// ids are remembered for the user's last <see cref="EngineOptions.IdWindow"/> records. A user's clock (the
/// policy's origin) starts at the user's first event.
/// </summary>
public sealed class DecisionEngine(IUserStateStore store, PolicyCatalog policies, EngineOptions? options = null) : IDecisionService
{
    private readonly UserCache _cache = new((options ?? new()).UserCapacity, (options ?? new()).IdWindow);

    public EngineOptions Options { get; } = options ?? new();
    public PolicyCatalog Policies { get; } = policies;
    public IUserStateStore Store { get; } = store;
    public int UsersInMemory => _cache.Count;
    public long Evictions => Interlocked.Read(ref _cache.Evictions);

    /// <summary>The resident users' id windows, when they are in one slab (windows of at most
    /// <see cref="RecentIds.IndexAbove"/> ids; for tests).</summary>
    internal IdSlab? IdSlab => _cache.Slab;

    public Task<IngestResult> IngestAsync(string policy, string user, IReadOnlyList<IncomingEvent> events, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        if (events.Count > Options.MaxBatch)
            throw new ServingInputException("events", $"the batch has {CountText.Of(events.Count, "event")}; at most {Options.MaxBatch} are accepted per request.");
        for (int i = 0; i < events.Count; i++) InputChecks.Event(events[i], i, Options);
        return WithUser(policy, user, (entry, served) => Ingest(entry, served, events, ct), ct);
    }

    public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, CancellationToken ct = default) =>
        DecideAsync(policy, user, id, time, null, ct);

    /// <summary>Decides at opportunity <paramref name="id"/>; <paramref name="context"/> (features of the opportunity)
    /// is passed to the policy and stored with the decision.</summary>
    public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, double[]? context, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        InputChecks.Id(id, "id", Options);
        InputChecks.Time(time, "time");
        InputChecks.Vector(context, "context");
        return WithUser(policy, user, (entry, served) => Decide(entry, served, id, time, context, ct), ct);
    }

    /// <summary>The planned next action; none (time null) until the user's first event starts the user's clock.</summary>
    public Task<NextActionResult> NextActionAsync(string policy, string user, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        return WithUser(policy, user, (entry, served) =>
        {
            var next = entry.State?.Next ?? PlannedAction.None;
            return Task.FromResult(new NextActionResult(double.IsFinite(next.Time) ? next.Time : null, next.Mark, served.Version));
        }, ct);
    }

    /// <summary>The user's history size and last time, or null for a user with no events.</summary>
    public Task<UserSummary?> UserAsync(string policy, string user, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        return WithUser(policy, user, (entry, _) =>
            Task.FromResult(entry.Count == 0 ? null : new UserSummary(entry.Count, entry.LastTime)), ct);
    }

    /// <summary>The user's latest <paramref name="limit"/> records, planned next action and intensity curve, or null
    /// for a user with no events.</summary>
    public Task<UserTimeline?> TimelineAsync(string policy, string user, int limit = 200, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        return WithUser(policy, user, (entry, served) => Task.FromResult(entry.Count == 0 ? null
            : UserTimeline.Of(served, user, entry.State!, entry.Count, entry.LastTime, Store.ReadUser(served.Name, user), limit)), ct);
    }

    /// <summary>
    /// Emits the user's planned next action if it is due (planned time ≤ <paramref name="now"/> on the user's clock):
    /// the action enters the user's history with id <see cref="EmittedAction.IdFor"/> (planned time), and its record,
    /// the state it implies and its outbox row commit in one transaction before the action is returned. Null when
    /// nothing is due or this plan was already emitted (a second firing of the same timer, or a retry after a crash,
    /// finds the id and emits nothing). How late it is (<see cref="Classify"/>) decides the rest:
    /// <list type="bullet">
    /// <item>on time (at most <see cref="EngineOptions.OnTime"/> late): recorded at its planned time (or the user's
    /// last event if later), so timer jitter never changes the history;</item>
    /// <item>catching up (later, within <see cref="EngineOptions.MaxLateness"/>): recorded at <paramref name="now"/>
    /// (or the user's last event if later), when it really leaves, so the policy plans the next one from then and an
    /// outage yields one catch-up action per user, not every plan it would have made meanwhile;</item>
    /// <item>too late: not emitted. Under the same id it is stored as skipped (<see cref="SkippedAction"/>, with an
    /// outbox row flagged skipped, which consumers of emitted actions never see) at <paramref name="now"/> (or the user's last event if later), and the next action is re-planned from
    /// that time (<see cref="IReplannableState"/>; a policy that cannot re-plan emits it as a catch-up). Null is
    /// returned; <see cref="ActionsSkippedLate"/> counts it.</item>
    /// </list>
    /// </summary>
    public Task<EmittedAction?> EmitDueAsync(string policy, string user, double now, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        return WithUser(policy, user, async (entry, served) =>
        {
            if (entry.State is null) return null;
            var next = entry.State.Next;
            if (!double.IsFinite(next.Time) || next.Time > now) return null;
            string id = EmittedAction.IdFor(next.Time);
            if (entry.Ids.TryGet(id, out _)) return null;
            var lateness = Classify(next.Time, now);
            if (lateness == Lateness.TooLate && entry.State is IReplannableState replannable)
            {
                var skipped = SkippedAction.Record(entry.Count + 1, Math.Max(now, entry.LastTime ?? now), next, served.Version);
                replannable.Replan(skipped.Time);
                try { await Commit(entry, served, [skipped], ct, outbox: OutboxKind.Skipped).ConfigureAwait(false); }
                catch (Exception x) when (StoreFailures.IsDuplicateId(x))
                {
                    await Load(entry, served, ct).ConfigureAwait(false);   // handled before, beyond the id window
                    return null;
                }
                Interlocked.Increment(ref _skippedLate);
                return null;
            }
            double at = lateness == Lateness.OnTime ? next.Time : now;
            double time = Math.Max(at, entry.LastTime ?? at);
            var record = new StoredRecord(entry.Count + 1, id, time, EventKind.Action, next.Mark, null);
            Observe(entry.State, served, record);
            try { await Commit(entry, served, [record], ct, outbox: OutboxKind.Emitted).ConfigureAwait(false); }
            catch (Exception x) when (StoreFailures.IsDuplicateId(x))
            {
                await Load(entry, served, ct).ConfigureAwait(false);   // stored before, beyond the id window: emitted once already
                return null;
            }
            Interlocked.Increment(ref _emitted);
            return (EmittedAction?)new EmittedAction(served.Name, user, id, time, next.Mark);
        }, ct);
    }

    /// <summary>How late an action planned at <paramref name="planned"/> is at <paramref name="now"/> (user time):
    /// the hosts pace <see cref="Lateness.CatchUp"/> emissions (<see cref="CatchUpPacer"/>).</summary>
    public Lateness Classify(double planned, double now) =>
        now - planned > Options.MaxLateness ? Lateness.TooLate : now - planned > Options.OnTime ? Lateness.CatchUp : Lateness.OnTime;

    private long _emitted, _skippedLate;

    /// <summary>Actions this engine emitted (committed with their outbox row) since it started.</summary>
    public long ActionsEmitted => Interlocked.Read(ref _emitted);

    /// <summary>Planned actions this engine skipped as later than <see cref="EngineOptions.MaxLateness"/> since it started.</summary>
    public long ActionsSkippedLate => Interlocked.Read(ref _skippedLate);

    /// <summary>Raised (policy, user, planned time on the user's clock) whenever a user's planned next action may have
    /// changed: after each commit and restore of a user with a plan. Handlers run under the user's gate: keep them short.</summary>
    public event Action<string, string, double>? ActionPlanned;

    /// <summary>Restores the user if not resident and raises <see cref="ActionPlanned"/> with the user's current plan,
    /// if any: a restarted node re-arms the timers of users who send nothing more.</summary>
    public Task PlanAsync(string policy, string user, CancellationToken ct = default)
    {
        InputChecks.User(user, Options);
        return WithUser(policy, user, (entry, served) =>
        {
            Planned(entry, served);
            return Task.FromResult(true);
        }, ct);
    }

    /// <summary>Drops the user's resident state once its current request is done; the next request restores it from
    /// the store. A host that moves users between processes (a grain activating on another silo) calls it so a stale
    /// copy is never used.</summary>
    public async Task ForgetAsync(string policy, string user, CancellationToken ct = default)
    {
        if (!_cache.TryGet(policy, user, out var entry)) return;
        await entry.Gate.EnterAsync(ct).ConfigureAwait(false);
        try
        {
            entry.Evict();
            _cache.Remove(entry);
        }
        finally { entry.Gate.Exit(); }
    }

    private async Task<T> WithUser<T>(string policy, string user, Func<UserEntry, ServedPolicy, Task<T>> body, CancellationToken ct)
    {
        Policies.Get(policy);   // an unknown policy fails before any state is touched
        while (true)
        {
            var entry = _cache.Get(policy, user);
            long waited = Stopwatch.GetTimestamp();
            await entry.Gate.EnterAsync(ct).ConfigureAwait(false);
            var timing = RequestTiming.Current;
            if (timing is not null) timing.Gate += Stopwatch.GetElapsedTime(waited).TotalSeconds;
            try
            {
                if (entry.Evicted) continue;
                var served = Policies.Get(policy);
                try
                {
                    if (!entry.Loaded || entry.Served!.Version != served.Version)
                    {
                        long loading = Stopwatch.GetTimestamp();
                        await Load(entry, served, ct).ConfigureAwait(false);
                        if (timing is not null) timing.Restore += Stopwatch.GetElapsedTime(loading).TotalSeconds;
                    }
                    return await body(entry, served).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not ServingInputException and not EventOrderException and not IdConflictException)
                {
                    entry.Reset();   // the state may be ahead of the store: rebuild it on the next request
                    if (StoreFailures.IsTransient(e)) throw StoreFailures.Unavailable(e);
                    if (StoreFailures.IsDuplicateId(e))
                        throw new IdConflictException("id", $"an id in this request is already stored for user '{user}'; nothing was applied. " +
                            "A new event needs a new id.");
                    throw;
                }
            }
            finally { entry.Gate.Exit(); }
        }
    }

    /// <summary>Rebuilds the user's state: none for a user without records; else the latest snapshot (or a fresh
    /// state whose clock starts at the user's first record) plus a replay of the records after it.</summary>
    private async Task Load(UserEntry entry, ServedPolicy served, CancellationToken ct)
    {
        entry.Reset();
        var history = await Store.LoadAsync(served.Name, entry.User, served.Version, Options.IdWindow, ct).ConfigureAwait(false);
        IPolicyState? state = null;
        if (history.Count > 0)
        {
            double origin = history.FirstTime ?? (history.Records is [{ Seq: 1 } first, ..] ? first.Time : 0);
            state = history.Snapshot is { } s
                ? served.Policy.Restore(PolicySnapshotBinary.Read(s.State), served.ContextAt(origin))
                : served.CreateState(entry.User, origin);
            foreach (var record in history.Records) Replay(state, served, record);
        }
        (entry.State, entry.Served, entry.Count, entry.LastTime, entry.SnapshotSeq, entry.Loaded) =
            (state, served, history.Count, history.LastTime, history.Snapshot?.Seq ?? 0, true);
        var identified = InSeqOrder(history.IdentifiedRecords);
        for (int i = 0; i < identified.Count; i++) entry.RememberId(identified[i], Options.IdWindow);
        Planned(entry, served);
    }

    /// <summary>The records by sequence number; the list itself when it already is (the stores' usual answer, and
    /// every new user's empty one), so a restore sorts nothing.</summary>
    internal static IReadOnlyList<StoredRecord> InSeqOrder(IReadOnlyList<StoredRecord> records)
    {
        for (int i = 1; i < records.Count; i++)
            if (records[i].Seq < records[i - 1].Seq)
            {
                var sorted = records.ToArray();
                Array.Sort(sorted, static (a, b) => a.Seq.CompareTo(b.Seq));
                return sorted;
            }
        return records;
    }

    private void Planned(UserEntry entry, ServedPolicy served)
    {
        if (ActionPlanned is { } handler && entry.State?.Next is { } next && double.IsFinite(next.Time))
            handler(served.Name, entry.User, next.Time);
    }

    /// <summary>Applies a stored record; a decision made by this version is made again and must come out the same.</summary>
    private static void Replay(IPolicyState state, ServedPolicy served, StoredRecord r)
    {
        if (SkippedAction.Is(r))
        {
            if (state is IReplannableState replannable) replannable.Replan(r.Time);   // the policy saw no event: only its plan changes
            return;
        }
        if (!r.IsDecision) { Observe(state, served, r); return; }
        if (r.PolicyVersion == served.Version)
        {
            var (action, p) = DecisionRules.Decide(state, served, r.Time, r.Id, r.Context);
            if (action != r.Mark || BitConverter.DoubleToInt64Bits(p) != BitConverter.DoubleToInt64Bits(r.Propensity!.Value))
                throw new InvalidOperationException(
                    $"replaying opportunity '{r.Id}' of version {served.Version} gave action {action} (p={p:R}); the store says {r.Mark} (p={r.Propensity:R}).");
            return;
        }
        Observe(state, served, r);   // a decision of another version is history: observe what was done
        if (r.Mark > 0) Observe(state, served, new StoredRecord(r.Seq, null, r.Time, EventKind.Action, r.Mark - 1, null));
    }

    private static void Observe(IPolicyState state, ServedPolicy served, in StoredRecord r) => state.Observe(r.ToEvent(), served.Feedback(r));

    /// <summary>Applies the events not applied before. An id is looked up in the user's id window; beyond it (a user with
    /// more records than the window) the store is asked, but only when needed: for an event that would otherwise be
    /// refused as out of order, and after a commit the store refused for an id it already holds (nothing of that
    /// commit was applied: the user is restored and the request applied again, knowing the stored records). So a
    /// retry of any stored id is recognized, while a new event costs no lookup.</summary>
    private async Task<IngestResult> Ingest(UserEntry entry, ServedPolicy served, IReadOnlyList<IncomingEvent> events, CancellationToken ct,
        IReadOnlyDictionary<string, StoredRecord>? stored = null)
    {
        var fresh = new List<StoredRecord>(events.Count);
        Dictionary<string, int>? batchIds = events.Count > 1 ? new(events.Count, StringComparer.Ordinal) : null;   // id → index in fresh
        int duplicates = 0;
        double? last = entry.LastTime;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            InputChecks.AgainstPolicy(e, served, i);
            var record = new StoredRecord(entry.Count + fresh.Count + 1, e.Id, e.Time, e.Kind, e.Kind == EventKind.Opportunity ? 0 : e.Mark, e.Value,
                Feedback: e.Feedback, Context: e.Context);
            if (e.Id is not null && Applied(e.Id, out var applied))
            {
                if (!RetryRules.Same(applied, record))
                    throw new IdConflictException($"events[{i}].id", $"id '{e.Id}' of user '{entry.User}' was already used for a different event " +
                        $"({RetryRules.Describe(applied)}); a retry must repeat the event exactly, a new event needs a new id.");
                duplicates++;
                continue;
            }
            if (last is { } l && e.Time < l)
            {
                if (e.Id is not null && stored is null && BeyondWindow(entry))
                    return await Ingest(entry, served, events, ct, await StoredIds(entry, served, events.Select(x => x.Id), ct).ConfigureAwait(false)).ConfigureAwait(false);
                throw new EventOrderException($"events[{i}].time",
                    $"event {(e.Id is null ? $"#{i}" : $"'{e.Id}'")} at time {e.Time:R} is earlier than user '{entry.User}''s last applied event " +
                    $"at {l:R}; events must arrive in time order and are never reordered" +
                    (e.Id is null ? "." : $" (id '{e.Id}' is not stored for this user, so this is not a retry)."));
            }
            last = e.Time;
            if (e.Id is not null && batchIds is not null) batchIds[e.Id] = fresh.Count;
            fresh.Add(record);
        }
        if (fresh.Count > 0)
        {
            entry.State ??= served.CreateState(entry.User, fresh[0].Time);
            foreach (var r in fresh) Observe(entry.State, served, r);
            try { await Commit(entry, served, fresh, ct).ConfigureAwait(false); }
            catch (Exception x) when (stored is null && StoreFailures.IsDuplicateId(x))
            {
                var known = await StoredIds(entry, served, events.Select(e => e.Id), ct).ConfigureAwait(false);
                await Load(entry, served, ct).ConfigureAwait(false);   // the state observed the refused records
                return await Ingest(entry, served, events, ct, known).ConfigureAwait(false);
            }
        }
        return new IngestResult(fresh.Count, duplicates);

        bool Applied(string id, out StoredRecord record)
        {
            if (entry.Ids.TryGet(id, out record)) return true;
            if (stored is not null && stored.TryGetValue(id, out record)) return true;
            if (batchIds is null || !batchIds.TryGetValue(id, out int k)) return false;
            record = fresh[k];
            return true;
        }
    }

    /// <summary>Decides at a new opportunity, or answers a retried one with its stored decision; an id beyond the id
    /// window is looked up in the store as in <see cref="Ingest"/>.</summary>
    private async Task<OpportunityResult> Decide(UserEntry entry, ServedPolicy served, string id, double time, double[]? context, CancellationToken ct,
        IReadOnlyDictionary<string, StoredRecord>? stored = null)
    {
        InputChecks.Context(context, served, "context");
        if (entry.Ids.TryGet(id, out var prior) || (stored is not null && stored.TryGetValue(id, out prior)))
        {
            if (!prior.IsDecision)
                throw new IdConflictException("id", $"id '{id}' is already used by a {Kairos.Data.EventKindNames.Name(prior.Kind)} event of user '{entry.User}'.");
            if (!RetryRules.Same(prior, prior with { Time = time, Context = context }))
                throw new IdConflictException(BitConverter.DoubleToInt64Bits(prior.Time) != BitConverter.DoubleToInt64Bits(time) ? "time" : "context",
                    $"opportunity '{id}' of user '{entry.User}' was decided as {RetryRules.Describe(prior)}; a retry must repeat it exactly, " +
                    "a new opportunity needs a new id.");
            return new OpportunityResult(prior.Mark, prior.Propensity!.Value, prior.PolicyVersion!, Repeated: true);
        }
        if (entry.LastTime is { } l && time < l)
        {
            if (stored is null && BeyondWindow(entry))
                return await Decide(entry, served, id, time, context, ct, await StoredIds(entry, served, [id], ct).ConfigureAwait(false)).ConfigureAwait(false);
            throw new EventOrderException("time", $"opportunity '{id}' at time {time:R} is earlier than user '{entry.User}''s last applied event at {l:R}; " +
                "events must arrive in time order and are never reordered.");
        }
        entry.State ??= served.CreateState(entry.User, time);
        var (action, p) = DecisionRules.Decide(entry.State, served, time, id, context);
        var record = new StoredRecord(entry.Count + 1, id, time, EventKind.Opportunity, action, null, p, served.Version, Context: context);
        try { await Commit(entry, served, [record], ct).ConfigureAwait(false); }
        catch (Exception x) when (stored is null && StoreFailures.IsDuplicateId(x))
        {
            var known = await StoredIds(entry, served, [id], ct).ConfigureAwait(false);
            await Load(entry, served, ct).ConfigureAwait(false);
            return await Decide(entry, served, id, time, context, ct, known).ConfigureAwait(false);
        }
        return new OpportunityResult(action, p, served.Version, Repeated: false);
    }

    /// <summary>Whether some of the user's ids have left the in-memory window (the user has more records than it).</summary>
    private bool BeyondWindow(UserEntry entry) => entry.Count > Options.IdWindow;

    private Task<IReadOnlyDictionary<string, StoredRecord>> StoredIds(UserEntry entry, ServedPolicy served, IEnumerable<string?> ids, CancellationToken ct)
    {
        Interlocked.Increment(ref _idLookups);
        return Store.FindIdsAsync(served.Name, entry.User, ids.OfType<string>().Distinct(StringComparer.Ordinal).ToArray(), ct);
    }

    private long _idLookups;

    /// <summary>Times this engine asked the store for ids beyond the in-memory id window (a retry or an out-of-order
    /// event of a user with more records than the window, or a commit the store refused for an id): none in traffic
    /// of new, in-order events.</summary>
    public long IdLookups => Interlocked.Read(ref _idLookups);

    /// <summary>Writes the records (and a snapshot when one is due) and waits for the commit; only then does the
    /// entry advance.</summary>
    private async Task Commit(UserEntry entry, ServedPolicy served, IReadOnlyList<StoredRecord> records, CancellationToken ct, OutboxKind outbox = OutboxKind.None)
    {
        long count = records[^1].Seq;
        StoredSnapshot? snapshot = count - entry.SnapshotSeq >= Options.SnapshotEvery
            ? new StoredSnapshot(count, served.Version, PolicySnapshotBinary.Write(entry.State!.Snapshot()))
            : null;
        var write = new UserWrite(served.Name, entry.User, records, snapshot)
        {
            Emitted = outbox == OutboxKind.Emitted ? records[0] : null,
            Skipped = outbox == OutboxKind.Skipped ? records[0] : null,
        };
        await Store.CommitAsync(write, ct).ConfigureAwait(false);
        entry.Count = count;
        entry.LastTime = records[^1].Time;
        if (snapshot is not null) entry.SnapshotSeq = count;
        for (int i = 0; i < records.Count; i++)
            if (records[i].Id is not null) entry.RememberId(records[i], Options.IdWindow);
        Planned(entry, served);
    }
}

/// <summary>Whether a committed record also enters the outbox, and as what.</summary>
internal enum OutboxKind { None, Emitted, Skipped }
