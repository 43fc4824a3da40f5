using Kairos.Decisions;
using Kairos.Neural;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Per-user state of a <see cref="NeuralTppPolicy"/>: the RNN state h after the last event, and Algorithm 2's pending
/// action (<see cref="NextEventSampler"/>: one Exp(1) target per own action, carried across feedback) plus one uniform
/// for the mark, inverted through the mark law of the state at the action. For inference the state is O(hidden
/// size) whatever the history length; while training it also records every event into a <see cref="TpprlTape"/>
/// for backpropagation. Both paths run the same kernels, so they plan bit-identical actions.
/// <para>With per-mark features (<see cref="NeuralTppPolicy.ItemFeatures"/>) the state also keeps their history; the
/// mark of a pending action is drawn from softmax(V_y h + Φ(t)u) at its planned time t, and the tape records that
/// Φ(t) with the action. Their summaries at each event's time (after the event) are appended to z.</para>
/// </summary>
public sealed class NeuralTppState : IPolicyState, IIntensityView, IReplannableState, ISquaredIntensityIntegral
{
    /// <summary>Snapshot layout version (reals: h[H], last time, sampler carry [target, spent, origin, c, ω, pending],
    /// mark uniform, then the per-mark feature history when the policy has one).</summary>
    public const int SnapshotVersion = 1;

    private readonly NeuralTppPolicy _policy;
    private readonly PolicyContext _context;
    private readonly TpprlTape? _tape;
    private readonly double[] _h, _next, _z, _logits, _markLaw, _phi;
    private readonly IItemFeatureState? _items;
    private double _phiTime = double.NaN;   // the time Φ in _phi was computed at (NaN: stale)
    private readonly NextEventSampler _sampler = new();
    private DecisionRandom _random;
    private double _lastTime, _markUniform;

    internal NeuralTppState(NeuralTppPolicy policy, PolicyContext context, DecisionRandom random, TpprlTape? tape)
    {
        (_policy, _context, _random, _tape) = (policy, context, random, tape);
        var layout = policy.Layout;
        _h = new double[layout.Hidden];
        _next = new double[layout.Hidden];
        _z = new double[layout.FeatureSize];
        _logits = new double[layout.HasMarkHead ? layout.ActionMarks : 0];
        _markLaw = new double[_logits.Length];
        _items = policy.ItemFeatures?.Start(context);
        _phi = new double[layout.ItemFeatureSize * layout.ActionMarks];
        _lastTime = context.Origin;
        tape?.Reset(context.Horizon ?? 0);
        double c = WriteOutputs(0);   // h₀ = 0 ⇒ c₀ = b
        NewAction(context.Origin, c);
    }

    private NeuralTppState(NeuralTppPolicy policy, PolicyContext context, PolicySnapshot s)
        : this(policy, context, s.Random, tape: null)
    {
        int h = policy.Layout.Hidden;
        var r = s.Reals;
        for (int i = 0; i < h; i++) _h[i] = r[i];
        _lastTime = r[h];
        _sampler.RestoreExponential(r[h + 1], r[h + 2], r[h + 3], r[h + 4], r[h + 5], r[h + 6], s.Integers[0]);
        _markUniform = r[h + 7];
        _items?.Load(r.Skip(h + 8).ToArray());
        _random = s.Random;
        WriteOutputs(-1);
        Plan();
    }

    internal static NeuralTppState Restore(NeuralTppPolicy policy, PolicyContext context, PolicySnapshot s)
    {
        s.EnsureFrom(policy, NeuralTppPolicy.KindName, SnapshotVersion);
        s.EnsureShape(policy.Layout.Hidden + 8 + (policy.ItemFeatures is null ? 0 : ItemStateLength(policy, context)), 1);
        return new NeuralTppState(policy, context, s);
    }

    private static int ItemStateLength(NeuralTppPolicy policy, PolicyContext context) => policy.ItemFeatures!.Start(context).StateLength;

    /// <summary>The episode's record for backpropagation, or null for an inference state.</summary>
    public TpprlTape? Tape => _tape;
    public PlannedAction Next { get; private set; }
    /// <summary>Uniforms drawn for action times so far (Algorithm 2 draws one per own action, plus the pending one).</summary>
    public long TimeUniforms => _sampler.UniformsDrawn;
    /// <summary>The RNN state after the last event.</summary>
    public ReadOnlySpan<double> Hidden => _h;

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        var layout = _policy.Layout;
        if (feedback.Length != _context.FeedbackSize)
            throw new ArgumentException($"feedback has length {feedback.Length}, the policy context says {_context.FeedbackSize}.", nameof(feedback));
        if (!(e.Time >= _lastTime))
            throw new ArgumentOutOfRangeException(nameof(e), e, $"event {e} is earlier than the last observed event at t={_lastTime:R}.");
        if (e.Kind == EventKind.Opportunity) return;   // a timing policy acts on its own clock
        bool own = e.Kind == EventKind.Action;
        // Feedback after the pending action's time with no action in between (a live user's plan that was not
        // taken): the action did not happen, so the state re-plans from the feedback's time before taking it.
        if (!own && e.Time > _sampler.PendingTime && _tape is null) Replan(e.Time);
        int input = own ? layout.ActionInput(e.Mark) : layout.FeedbackInput(e.Mark);
        if (_items is not null)
        {
            // Φ at the action's time from the history before it: the features its mark was drawn with.
            if (own && _tape is not null && _phiTime != e.Time) WritePhi(e.Time);
            _items.Observe(e, feedback);
        }
        feedback.CopyTo(_z);
        int events = _policy.Features?.Count ?? 0;
        _policy.Features?.Write(e, _context, _z.AsSpan(feedback.Length, events));
        _items?.WriteSummary(e.Time, _z.AsSpan(feedback.Length + events));
        var theta = _policy.Parameters;
        double delta = e.Time - _lastTime;
        int k = -1;
        if (_tape is not null)
        {
            k = _tape.Append(e.Time, input, own ? e.Mark : -1, _z, own ? _phi : default);
            TpprlCell.Step(theta, layout, _tape.State(k - 1), input, _z, _tape.Delta(k), _tape.State(k));
            _tape.State(k).CopyTo(_h);
        }
        else
        {
            TpprlCell.Step(theta, layout, _h, input, _z, delta, _next);
            _next.CopyTo(_h.AsSpan());
        }
        _lastTime = e.Time;
        _phiTime = double.NaN;
        double c = WriteOutputs(k);
        if (own) NewAction(e.Time, c);
        else
        {
            _sampler.OnFeedback(e.Time, c, Decay);
            Plan();
        }
    }

    /// <summary>The pending action was not taken: a fresh Exp(1) target from <paramref name="now"/> under the current
    /// hazard (<see cref="NextEventSampler.RestartAt"/>) and a fresh mark uniform. The RNN state h is unchanged (no event).</summary>
    public void Replan(double now)
    {
        if (_tape is not null) throw new InvalidOperationException("a training state records episodes; it does not re-plan.");
        if (!(now >= _lastTime))
            throw new ArgumentOutOfRangeException(nameof(now), now, $"a re-plan at {now:R} is earlier than the last observed event at t={_lastTime:R}.");
        _sampler.RestartAt(now, _random.NextExponential());
        if (_policy.Layout.HasMarkHead) _markUniform = _random.NextDouble();
        Plan();
    }

    public PolicySnapshot Snapshot()
    {
        int h = _h.Length;
        var reals = new double[h + 8 + (_items?.StateLength ?? 0)];
        _h.CopyTo(reals, 0);
        reals[h] = _lastTime;
        var (target, spent, origin, c, omega, pending) = _sampler.ExponentialState;
        (reals[h + 1], reals[h + 2], reals[h + 3], reals[h + 4], reals[h + 5], reals[h + 6]) = (target, spent, origin, c, omega, pending);
        reals[h + 7] = _markUniform;
        _items?.Save(reals.AsSpan(h + 8));
        return new PolicySnapshot(NeuralTppPolicy.KindName, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index,
            reals, [_sampler.UniformsDrawn]);
    }

    /// <summary>The pending piece's hazard exp(c + ω(t − t₀)) from its origin t₀ (the last event).</summary>
    public double Intensity(double time)
    {
        var (_, _, origin, c, omega, _) = _sampler.ExponentialState;
        return Math.Exp(c + omega * (time - origin));
    }

    /// <summary>∫_from^to exp(2(c + ω(t − t₀))) dt of the pending piece in closed form: J(c + ω(from − t₀), ω, to − from)
    /// (<see cref="ExponentialInTimeKernel.SquareIntegral"/>), the same J the training objective charges (digest §2.3).</summary>
    public double SquaredIntensityIntegral(double from, double to)
    {
        var (_, _, origin, c, omega, _) = _sampler.ExponentialState;
        return ExponentialInTimeKernel.SquareIntegral(c + omega * (from - origin), omega, to - from);
    }

    private double Decay => _policy.Parameters[_policy.Layout.W];

    /// <summary>c = vᵀh + b and the mark law of the current state, through the tape's cache when recording (state k).</summary>
    private double WriteOutputs(int k)
    {
        var theta = _policy.Parameters;
        if (_tape is not null && k >= 0)
        {
            _tape.WriteOutputs(theta, k, _logits, _markLaw, _policy.MarkHeadTransposed);
            return _tape.LogIntensity(k);
        }
        if (_policy.Layout.HasMarkHead && _items is null)
        {
            double max = MarkKernels.Logits(_policy.MarkHeadTransposed, _logits.Length, _h, _logits);
            MarkKernels.Softmax(_logits, _markLaw, max);
        }
        return TpprlCell.LogIntensity(theta, _policy.Layout, _h);
    }

    private void NewAction(double time, double c)
    {
        _sampler.StartAfterAction(time, c, Decay, _random.NextExponential());
        if (_policy.Layout.HasMarkHead) _markUniform = _random.NextDouble();
        Plan();
    }

    private void Plan()
    {
        double t = _sampler.PendingTime;
        int mark = 0;
        if (_items is not null)
        {
            // The mark law at the planned time (an action past the horizon never happens: no law needed).
            if (!(t > _context.Origin + (_context.Horizon ?? double.PositiveInfinity)) && double.IsFinite(t))
            {
                WritePhi(t);
                var layout = _policy.Layout;
                double max = Neural.TpprlObjective.ItemLogits(_policy.MarkHeadTransposed, _logits.Length, _h,
                    _policy.Parameters.Slice(layout.U, layout.ItemFeatureSize), _phi, _logits);
                MarkKernels.Softmax(_logits, _markLaw, max);
                mark = TpprlCell.SampleFromProbabilities(_markLaw, _markUniform);
            }
        }
        else if (_policy.Layout.HasMarkHead) mark = TpprlCell.SampleFromProbabilities(_markLaw, _markUniform);
        Next = new PlannedAction(t, mark);
    }

    private void WritePhi(double time)
    {
        _items!.WriteItems(time, _phi);
        _phiTime = time;
    }
}
