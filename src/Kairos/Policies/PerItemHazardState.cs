using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Per-user state of a <see cref="PerItemHazardPolicy"/>: the items' feature history, and one Algorithm 2 sampler
/// per item (<see cref="NextEventSampler"/>). At every event the inputs are frozen at its time and each item's
/// (c_i, ω_i) recomputed; the item that was reviewed draws a fresh Exp(1) target (one counter-based draw), every other
/// item keeps its target and refines its pending time under the new piece (exact: the survival of competing risks
/// multiplies across pieces), and so does an item whose pending time has passed unexecuted (it draws afresh). The
/// planned action is the earliest pending time and its item. On the retrievability clock each item's pieces are
/// power-in-time hazards (<see cref="PowerClockSampler"/>). Snapshot: reals [last time, per item (target, carried
/// hazard, origin, c, ω, pending) — (target, carried, origin, clock opening, a, p, ρ, pending) on the retrievability clock — the
/// feature history]; integers [per item, targets drawn].
/// </summary>
public sealed class PerItemHazardState : IPolicyState, IIntensityView
{
    public const int SnapshotVersion = 1;
    private const int PerItem = 6;

    private readonly PerItemHazardPolicy _policy;
    private readonly PolicyContext _context;
    private readonly PerItemHazardTape? _tape;
    private readonly IItemFeatureState _items;
    private readonly NextEventSampler[] _samplers;      // linear clock
    private readonly PowerClockSampler[] _clocks;       // retrievability clock
    private readonly IItemClocks? _itemClocks;
    private readonly double[] _shared, _phi, _phiAhead, _timeInputs, _c, _omega;
    private DecisionRandom _random;
    private double _lastTime;

    internal PerItemHazardState(PerItemHazardPolicy policy, PolicyContext context, DecisionRandom random, PerItemHazardTape? tape)
    {
        (_policy, _context, _random, _tape) = (policy, context, random, tape);
        var l = policy.Layout;
        _items = policy.Features.Start(context);
        bool linear = l.Clock == PerItemClock.Linear;
        _itemClocks = linear ? null : _items as IItemClocks
            ?? throw new PolicyContextException($"item features '{policy.Features.Name}' give no retrievability clocks.");
        _samplers = linear ? new NextEventSampler[l.Marks] : [];
        _clocks = linear ? [] : new PowerClockSampler[l.Marks];
        for (int i = 0; i < _samplers.Length; i++) _samplers[i] = new NextEventSampler();
        for (int i = 0; i < _clocks.Length; i++) _clocks[i] = new PowerClockSampler();
        _shared = new double[l.Shared];
        _phi = new double[l.Marks * l.Features];
        _phiAhead = linear ? new double[_phi.Length] : [];
        _timeInputs = new double[l.TimeInputs];
        _c = new double[l.Marks];
        _omega = new double[l.Marks];
        _lastTime = context.Origin;
        tape?.Reset(policy.ParameterArray);
        Freeze(context.Origin);
        for (int i = 0; i < l.Marks; i++) Start(i, context.Origin);
        Plan();
    }

    internal static PerItemHazardState Restore(PerItemHazardPolicy policy, PolicyContext context, PolicySnapshot s)
    {
        s.EnsureFrom(policy, PerItemHazardPolicy.KindName, SnapshotVersion);
        int a = policy.Layout.Marks, history = policy.Features.Start(context).StateLength, per = PerItemLength(policy.Layout);
        s.EnsureShape(1 + per * a + history, a);
        var state = new PerItemHazardState(policy, context, new DecisionRandom(s.RandomKey), tape: null);
        var r = s.Reals;
        state._lastTime = r[0];
        for (int i = 0; i < a; i++)
        {
            int o = 1 + per * i;
            if (state._clocks.Length > 0) state._clocks[i].Restore(r.Skip(o).Take(per).ToArray(), s.Integers[i]);
            else state._samplers[i].RestoreExponential(r[o], r[o + 1], r[o + 2], r[o + 3], r[o + 4], r[o + 5], s.Integers[i]);
        }
        state._items.Load(r.Skip(1 + per * a).ToArray());
        state._random = s.Random;
        state.Plan();
        return state;
    }

    public PlannedAction Next { get; private set; }

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        if (feedback.Length != _context.FeedbackSize)
            throw new ArgumentException($"feedback has length {feedback.Length}, the policy context says {_context.FeedbackSize}.", nameof(feedback));
        if (!(e.Time >= _lastTime) || double.IsInfinity(e.Time))
            throw new ArgumentOutOfRangeException(nameof(e), e, $"event {e} is earlier than the last observed event at t={_lastTime:R}.");
        if (e.Kind == EventKind.Opportunity) return;   // a timing policy acts on its own clock
        bool own = e.Kind == EventKind.Action;
        int a = _policy.Layout.Marks;
        if (own && (e.Mark < 0 || e.Mark >= a))
            throw new ArgumentOutOfRangeException(nameof(e), e, $"action of item {e.Mark}, outside [0, {a}).");
        _tape?.Close(e.Time, own ? e.Mark : -1);
        _items.Observe(e, feedback);
        _lastTime = e.Time;
        Freeze(e.Time);
        for (int i = 0; i < a; i++)
        {
            if ((own && i == e.Mark) || !(e.Time <= PendingTime(i))) Start(i, e.Time);
            else if (_clocks.Length > 0) _clocks[i].OnFeedback(e.Time, _c[i], _omega[i], _timeInputs[4 * i + 1], _timeInputs[4 * i + 3]);
            else _samplers[i].OnFeedback(e.Time, _c[i], _omega[i]);
        }
        Plan();
    }

    private static int PerItemLength(PerItemHazardLayout layout) => layout.Clock == PerItemClock.Linear ? PerItem : PowerClockSampler.StateLength;

    private double PendingTime(int i) => _clocks.Length > 0 ? _clocks[i].PendingTime : _samplers[i].PendingTime;

    /// <summary>Item <paramref name="i"/> draws a fresh Exp(1) target at <paramref name="time"/> under the current piece.</summary>
    private void Start(int i, double time)
    {
        if (_clocks.Length > 0) _clocks[i].StartAfterAction(time, _c[i], _omega[i], _timeInputs[4 * i + 1], _timeInputs[4 * i + 3], _random.NextExponential());
        else _samplers[i].StartAfterAction(time, _c[i], _omega[i], _random.NextExponential());
    }

    public PolicySnapshot Snapshot()
    {
        int a = _policy.Layout.Marks, per = PerItemLength(_policy.Layout);
        var reals = new double[1 + per * a + _items.StateLength];
        var integers = new long[a];
        reals[0] = _lastTime;
        for (int i = 0; i < a; i++)
        {
            int o = 1 + per * i;
            if (_clocks.Length > 0)
            {
                _clocks[i].Save(reals.AsSpan(o, per));
                integers[i] = _clocks[i].UniformsDrawn;
                continue;
            }
            var (target, spent, origin, c, omega, pending) = _samplers[i].ExponentialState;
            (reals[o], reals[o + 1], reals[o + 2], reals[o + 3], reals[o + 4], reals[o + 5]) = (target, spent, origin, c, omega, pending);
            integers[i] = _samplers[i].UniformsDrawn;
        }
        _items.Save(reals.AsSpan(1 + per * a));
        return new PolicySnapshot(PerItemHazardPolicy.KindName, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index, reals, integers);
    }

    /// <summary>Σ_i λ_i(t) on the current piece (no event before t).</summary>
    public double Intensity(double time)
    {
        double total = 0;
        for (int i = 0; i < _policy.Layout.Marks; i++) total += ItemIntensity(i, time);
        return total;
    }

    /// <summary>∫ Σ_i λ_i from the last event to <paramref name="time"/> on the current pieces (no event before it):
    /// the compensator increment that time-rescales the interval to an Exp(1) draw.</summary>
    public double CumulativeIntensity(double time)
    {
        double total = 0;
        foreach (var clock in _clocks) total += clock.CumulativeHazard(time);
        foreach (var s in _samplers)
        {
            var (_, _, origin, c, omega, _) = s.ExponentialState;
            total += ExponentialInTimeKernel.CumulativeHazard(c, omega, time - origin);
        }
        return total;
    }

    /// <summary>λ_i(t) of item <paramref name="item"/> on the current piece.</summary>
    public double ItemIntensity(int item, double time)
    {
        if (_clocks.Length > 0) return _clocks[item].Intensity(time);
        var (_, _, origin, c, omega, _) = _samplers[item].ExponentialState;
        return Math.Exp(c + omega * (time - origin));
    }

    /// <summary>Freezes the inputs at <paramref name="time"/> (φ̇ by a forward difference of
    /// <see cref="PerItemHazardPolicy.FeatureStep"/>), sets every item's (c_i, ω_i) and opens the tape's interval.</summary>
    private void Freeze(double time)
    {
        var l = _policy.Layout;
        _items.WriteItems(time, _phi);
        if (_itemClocks is not null) _itemClocks.WriteClocks(time, _timeInputs);
        else
        {
            _items.WriteItems(time + PerItemHazardPolicy.FeatureStep, _phiAhead);
            for (int j = 0; j < _phi.Length; j++) _timeInputs[j] = (_phiAhead[j] - _phi[j]) / PerItemHazardPolicy.FeatureStep;
        }
        _items.WriteSummary(time, _shared.AsSpan(0, l.Shared - 1));
        _shared[l.Shared - 1] = _context.ElapsedFraction(time, _policy.Name);
        PerItemHazardLikelihood.Rates(_policy.Parameters, l, _shared, _phi, _timeInputs, _c, _omega);
        _tape?.Open(time, _shared, _phi, _timeInputs);
    }

    private void Plan()
    {
        double best = double.PositiveInfinity;
        int mark = 0;
        for (int i = 0; i < _policy.Layout.Marks; i++)
            if (PendingTime(i) < best) (best, mark) = (PendingTime(i), i);
        Next = new PlannedAction(best, mark);
    }
}
