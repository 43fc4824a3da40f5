using Kairos.Neural;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// Per-episode state of a <see cref="NeuralTppPolicy"/>: steps the RNN once per event into its tape, and plans
/// the next action by Algorithm 2 — one uniform for the time per own action (kept across feedback), plus, when
/// actions are marked, one uniform for the mark, inverted through the mark law of the state at the action.
/// Nothing is allocated per event.
/// </summary>
public sealed class NeuralTppState : IPolicyState
{
    private readonly NeuralTppPolicy _policy;
    private readonly EpisodeSpec _spec;
    private readonly double[] _z;
    private ExpIntensitySampler _sampler;
    private double _markUniform;

    internal NeuralTppState(NeuralTppPolicy policy, EpisodeSpec spec, TpprlTape tape, Random rng)
    {
        _policy = policy;
        _spec = spec;
        Tape = tape;
        tape.Reset(spec.Horizon);
        _z = new double[policy.Layout.FeatureSize];
        tape.WriteOutputs(policy.Parameters, 0, tape.LogitScratch, tape.MarkLaw, policy.MarkHeadTransposed);   // h₀ = 0 ⇒ c₀ = b
        NewAction(0, tape.LogIntensity(0), rng);
    }

    /// <summary>The episode's record (inputs and states) for backpropagation.</summary>
    public TpprlTape Tape { get; }
    public PlannedAction Next { get; private set; }
    /// <summary>Uniforms drawn for action times so far (Algorithm 2 draws one per own action, plus the pending one).</summary>
    public int TimeUniforms => _sampler.Draws;

    public void Observe(in Event e, ReadOnlySpan<double> feedback, Random rng)
    {
        var layout = _policy.Layout;
        if (feedback.Length != _spec.FeedbackSize)
            throw new ArgumentException($"feedback has length {feedback.Length}, the episode spec says {_spec.FeedbackSize}.", nameof(feedback));
        bool own = e.Kind == EventKind.Action;
        int input = own ? layout.ActionInput(e.Mark) : layout.FeedbackInput(e.Mark);
        feedback.CopyTo(_z);
        _policy.Features?.Write(e, _spec, _z.AsSpan(feedback.Length));
        var theta = _policy.Parameters;
        int k = Tape.Append(e.Time, input, own ? e.Mark : -1, _z);
        TpprlCell.Step(theta, layout, Tape.State(k - 1), input, _z, Tape.Delta(k), Tape.State(k));
        Tape.WriteOutputs(theta, k, Tape.LogitScratch, Tape.MarkLaw, _policy.MarkHeadTransposed);
        double c = Tape.LogIntensity(k);
        if (own) NewAction(e.Time, c, rng);
        else
        {
            _sampler.Refine(e.Time, c);
            Plan();
        }
    }

    private void NewAction(double time, double c, Random rng)
    {
        _sampler.Restart(time, c, _policy.Parameters[_policy.Layout.W], rng);
        if (_policy.Layout.HasMarkHead) _markUniform = rng.NextDouble();
        Plan();
    }

    private void Plan()
    {
        int mark = _policy.Layout.HasMarkHead ? TpprlCell.SampleFromProbabilities(Tape.MarkLaw, _markUniform) : 0;
        Next = new PlannedAction(_sampler.NextTime(), mark);
    }
}
