using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Per-user state of a <see cref="PerItemHazardPolicy"/>: the items' feature history, and one Algorithm 2 sampler
/// per item (<see cref="NextEventSampler"/>). At every event the inputs are frozen at its time and each item's
/// (c_i, ω_i) recomputed; the item that was reviewed draws a fresh Exp(1) target (one counter-based draw), every other
/// item keeps its target and refines its pending time under the new piece (exact: the survival of competing risks
/// multiplies across pieces), and so does an item whose pending time has passed unexecuted (it draws afresh). The
/// planned action is the earliest pending time and its item. Snapshot: reals [last time, per item (target, carried
/// hazard, origin, c, ω, pending), the feature history]; integers [per item, targets drawn].
/// </summary>
public sealed class PerItemHazardState : IPolicyState, IIntensityView
{
    public const int SnapshotVersion = 1;
    private const int PerItem = 6;

    private readonly PerItemHazardPolicy _policy;
    private readonly PolicyContext _context;
    private readonly PerItemHazardTape? _tape;
    private readonly IItemFeatureState _items;
    private readonly NextEventSampler[] _samplers;
    private readonly double[] _shared, _phi, _phiAhead, _phiDot, _c, _omega;
    private DecisionRandom _random;
    private double _lastTime;

    internal PerItemHazardState(PerItemHazardPolicy policy, PolicyContext context, DecisionRandom random, PerItemHazardTape? tape)
    {
        (_policy, _context, _random, _tape) = (policy, context, random, tape);
        var l = policy.Layout;
        _items = policy.Features.Start(context);
        _samplers = new NextEventSampler[l.Marks];
        for (int i = 0; i < l.Marks; i++) _samplers[i] = new NextEventSampler();
        _shared = new double[l.Shared];
        _phi = new double[l.Marks * l.Features];
        _phiAhead = new double[_phi.Length];
        _phiDot = new double[_phi.Length];
        _c = new double[l.Marks];
        _omega = new double[l.Marks];
        _lastTime = context.Origin;
        tape?.Reset(policy.ParameterArray);
        Freeze(context.Origin);
        for (int i = 0; i < l.Marks; i++) _samplers[i].StartAfterAction(context.Origin, _c[i], _omega[i], _random.NextExponential());
        Plan();
    }

    internal static PerItemHazardState Restore(PerItemHazardPolicy policy, PolicyContext context, PolicySnapshot s)
    {
        s.EnsureFrom(policy, PerItemHazardPolicy.KindName, SnapshotVersion);
        int a = policy.Layout.Marks, history = policy.Features.Start(context).StateLength;
        s.EnsureShape(1 + PerItem * a + history, a);
        var state = new PerItemHazardState(policy, context, new DecisionRandom(s.RandomKey), tape: null);
        var r = s.Reals;
        state._lastTime = r[0];
        for (int i = 0; i < a; i++)
        {
            int o = 1 + PerItem * i;
            state._samplers[i].RestoreExponential(r[o], r[o + 1], r[o + 2], r[o + 3], r[o + 4], r[o + 5], s.Integers[i]);
        }
        state._items.Load(r.Skip(1 + PerItem * a).ToArray());
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
            var sampler = _samplers[i];
            if ((own && i == e.Mark) || !(e.Time <= sampler.PendingTime))
                sampler.StartAfterAction(e.Time, _c[i], _omega[i], _random.NextExponential());
            else sampler.OnFeedback(e.Time, _c[i], _omega[i]);
        }
        Plan();
    }

    public PolicySnapshot Snapshot()
    {
        int a = _samplers.Length;
        var reals = new double[1 + PerItem * a + _items.StateLength];
        var integers = new long[a];
        reals[0] = _lastTime;
        for (int i = 0; i < a; i++)
        {
            var (target, spent, origin, c, omega, pending) = _samplers[i].ExponentialState;
            int o = 1 + PerItem * i;
            (reals[o], reals[o + 1], reals[o + 2], reals[o + 3], reals[o + 4], reals[o + 5]) = (target, spent, origin, c, omega, pending);
            integers[i] = _samplers[i].UniformsDrawn;
        }
        _items.Save(reals.AsSpan(1 + PerItem * a));
        return new PolicySnapshot(PerItemHazardPolicy.KindName, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index, reals, integers);
    }

    /// <summary>Σ_i λ_i(t) on the current piece (no event before t).</summary>
    public double Intensity(double time)
    {
        double total = 0;
        foreach (var s in _samplers)
        {
            var (_, _, origin, c, omega, _) = s.ExponentialState;
            total += Math.Exp(c + omega * (time - origin));
        }
        return total;
    }

    /// <summary>∫ Σ_i λ_i from the last event to <paramref name="time"/> on the current pieces (no event before it):
    /// the compensator increment that time-rescales the interval to an Exp(1) draw.</summary>
    public double CumulativeIntensity(double time)
    {
        double total = 0;
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
        var (_, _, origin, c, omega, _) = _samplers[item].ExponentialState;
        return Math.Exp(c + omega * (time - origin));
    }

    /// <summary>Freezes the inputs at <paramref name="time"/> (φ̇ by a forward difference of
    /// <see cref="PerItemHazardPolicy.FeatureStep"/>), sets every item's (c_i, ω_i) and opens the tape's interval.</summary>
    private void Freeze(double time)
    {
        var l = _policy.Layout;
        _items.WriteItems(time, _phi);
        _items.WriteItems(time + PerItemHazardPolicy.FeatureStep, _phiAhead);
        for (int j = 0; j < _phi.Length; j++) _phiDot[j] = (_phiAhead[j] - _phi[j]) / PerItemHazardPolicy.FeatureStep;
        _items.WriteSummary(time, _shared.AsSpan(0, l.Shared - 1));
        _shared[l.Shared - 1] = _context.ElapsedFraction(time, _policy.Name);
        PerItemHazardLikelihood.Rates(_policy.Parameters, l, _shared, _phi, _phiDot, _c, _omega);
        _tape?.Open(time, _shared, _phi, _phiDot);
    }

    private void Plan()
    {
        double best = double.PositiveInfinity;
        int mark = 0;
        for (int i = 0; i < _samplers.Length; i++)
            if (_samplers[i].PendingTime < best) (best, mark) = (_samplers[i].PendingTime, i);
        Next = new PlannedAction(best, mark);
    }
}
