using Kairos.Serving;

namespace Kairos.Orleans;

/// <summary>
/// A user's grain. Its state is exactly the engine's per-user state: the silo's <see cref="DecisionEngine"/> holds
/// it, durable in Kairos's own <see cref="IUserStateStore"/> before each reply. On activation (a first request, or a
/// failover to this silo) the engine forgets any resident copy, so the state is restored from the store: latest
/// snapshot plus the records after it. With <see cref="ClusterServingOptions.EmitActions"/>, the planned next
/// action is a grain timer at its time, backed by a durable reminder a few seconds later (see <see cref="Plan"/>);
/// when either fires, <see cref="DecisionEngine.EmitDueAsync"/> commits the action's record,
/// the new state and its outbox row together before the action leaves, and its id (from the planned time) makes a
/// second firing a duplicate. A plan found overdue (the user's silo died, or the activation was collected, and the
/// reminder woke it late) is skipped and re-planned by the engine past <see cref="EngineOptions.MaxLateness"/>, or
/// else waits for a slot of the silo's <see cref="CatchUpPacer"/>, so a failover does not emit a burst. A new activation is placed on the silo whose HTTP front received the call
/// (<see cref="global::Orleans.Placement.PreferLocalPlacementAttribute"/>): no hop for a user who keeps entering through one front, and a silo
/// that is still starting (member of the cluster, HTTP not yet up) is never handed users by the others.
/// </summary>
[global::Orleans.Placement.PreferLocalPlacement]
public sealed class UserGrain(DecisionEngine engine, ActionOutbox outbox, CatchUpPacer pacer, ClusterServingOptions options) : Grain, IUserGrain, IRemindable
{
    public const string ReminderName = "next-action";
    private string _policy = "", _user = "";
    private double? _reminderFor;
    private IGrainTimer? _timer;
    private bool _slotTaken;   // a catch-up slot of the pacer is reserved for the timer now armed

    /// <summary>How long after a planned action its durable reminder fires when the grain timer has not emitted it.</summary>
    public static readonly TimeSpan ReminderGrace = TimeSpan.FromSeconds(5);

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        (_policy, _user) = UserGrainKey.Parse(this.GetPrimaryKeyString());
        await engine.ForgetAsync(_policy, _user, ct);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => engine.ForgetAsync(_policy, _user, ct);

    public async Task<IngestReply> Ingest(GrainEvent[] events)
    {
        try
        {
            var r = await engine.IngestAsync(_policy, _user, events.Select(e => e.ToIncoming()).ToArray());
            await Plan();
            return new IngestReply { Applied = r.Applied, Duplicates = r.Duplicates };
        }
        catch (Exception e) when (GrainFault.Of(e) is { } f) { return new IngestReply { Fault = f }; }
    }

    public async Task<DecideReply> Decide(string id, double time, double[]? context)
    {
        try
        {
            var r = await engine.DecideAsync(_policy, _user, id, time, context);
            await Plan();
            return new DecideReply { Action = r.Action, Propensity = r.Propensity, PolicyVersion = r.PolicyVersion, Repeated = r.Repeated };
        }
        catch (Exception e) when (GrainFault.Of(e) is { } f) { return new DecideReply { Fault = f }; }
    }

    public async Task<NextActionReply> NextAction()
    {
        try
        {
            var r = await engine.NextActionAsync(_policy, _user);
            return new NextActionReply { Time = r.Time, Mark = r.Mark, PolicyVersion = r.PolicyVersion };
        }
        catch (Exception e) when (GrainFault.Of(e) is { } f) { return new NextActionReply { Fault = f }; }
    }

    public async Task<UserReply> Summary()
    {
        try
        {
            var r = await engine.UserAsync(_policy, _user);
            return r is null ? new UserReply() : new UserReply { Found = true, Events = r.Events, LastTime = r.LastTime };
        }
        catch (Exception e) when (GrainFault.Of(e) is { } f) { return new UserReply { Fault = f }; }
    }

    public async Task<TimelineReply> Timeline(int limit)
    {
        try
        {
            var t = await engine.TimelineAsync(_policy, _user, limit);
            return t is null ? new TimelineReply() : TimelineReply.From(t);
        }
        catch (Exception e) when (GrainFault.Of(e) is { } f) { return new TimelineReply { Fault = f }; }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? EmitDue() : Task.CompletedTask;

    public async Task<bool> EmitDue()
    {
        if (!_slotTaken && await CatchUpWait() is var wait && wait > TimeSpan.Zero)
        {
            _timer?.Dispose();
            _timer = this.RegisterGrainTimer(ct => EmitDue(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
            _slotTaken = true;
            return false;
        }
        _slotTaken = false;
        var emitted = await engine.EmitDueAsync(_policy, _user, UnixNow() / options.TimeUnitSeconds);
        if (emitted is not null) outbox.Deliver(emitted);
        _reminderFor = null;   // re-plan from the current state
        await Plan(force: true);
        return emitted is not null;
    }

    /// <summary>How long a due plan that is late, but within the lateness bound, waits for its catch-up slot (zero
    /// for an on-time plan, one the engine will skip, or none due).</summary>
    private async Task<TimeSpan> CatchUpWait()
    {
        var next = await engine.NextActionAsync(_policy, _user);
        if (next.Time is not { } t) return TimeSpan.Zero;
        double now = UnixNow() / options.TimeUnitSeconds;
        return t <= now && engine.Classify(t, now) == Lateness.CatchUp ? pacer.Reserve() : TimeSpan.Zero;
    }

    /// <summary>Arms the planned next action twice: a grain timer at its wall-clock time (precise, lives with this
    /// activation) and a durable reminder <see cref="ReminderGrace"/> later, which wakes the user's grain if the timer
    /// is gone (the activation was collected, or its silo died) and is pushed back each time the timer emits first.</summary>
    private async Task Plan(bool force = false)
    {
        if (!options.EmitActions) return;
        var next = await engine.NextActionAsync(_policy, _user);
        if (!force && next.Time == _reminderFor) return;
        _timer?.Dispose();
        _timer = null;
        _slotTaken = false;
        if (next.Time is { } t)
        {
            var due = TimeSpan.FromSeconds(Math.Clamp(t * options.TimeUnitSeconds - UnixNow(), 0, TimeSpan.FromDays(30).TotalSeconds));
            _timer = this.RegisterGrainTimer(ct => EmitDue(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
            await this.RegisterOrUpdateReminder(ReminderName, due + ReminderGrace, TimeSpan.FromMinutes(1));
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
        _reminderFor = next.Time;
    }

    private double UnixNow() => options.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
