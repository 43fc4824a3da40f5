using Kairos.Decisions;
using Kairos.Neural;

namespace Kairos.Policies;

/// <summary>
/// The TPPRL policy (Upadhyay et al., NeurIPS 2018): an RNN over all events whose state sets an exponential
/// intensity λ(t) = exp(vᵀh_k + b + w(t − t_k)) for the next action and a softmax over action marks; actions are
/// drawn by Algorithm 2 (<see cref="PointProcesses.NextEventSampler"/>). Holds only parameters (copied in) and is shared
/// across threads; each episode's state, with its tape for training, is a <see cref="NeuralTppState"/>.
/// </summary>
public sealed class NeuralTppPolicy : IDeliveryPolicy
{
    /// <summary>Kind name in snapshots and policy files.</summary>
    public const string KindName = "tpprl";

    private readonly double[] _theta;

    public NeuralTppPolicy(TpprlLayout layout, ReadOnlySpan<double> parameters, IEventFeatures? features = null,
        bool fixedZeroDecay = false, string name = "tpprl")
        : this(layout, parameters.ToArray(), features, fixedZeroDecay, name, validate: true) { }

    /// <summary>Shares <paramref name="theta"/> without copying (the trainer's rollouts; it is not changed meanwhile).</summary>
    internal NeuralTppPolicy(TpprlLayout layout, double[] theta, IEventFeatures? features, bool fixedZeroDecay,
        string name, bool validate)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        if (theta.Length != layout.Length)
            throw new ArgumentException($"parameters have length {theta.Length}, the layout {layout} expects {layout.Length}.", nameof(theta));
        if (validate)
            for (int i = 0; i < theta.Length; i++)
                if (!double.IsFinite(theta[i]))
                    throw new ArgumentException($"parameter {i} is {theta[i]}; all parameters must be finite.", nameof(theta));
        if (fixedZeroDecay && theta[layout.W] != 0)
            throw new ArgumentException($"the decay w is fixed at 0 (w_t = 0 ablation) but θ[w] = {theta[layout.W]}.", nameof(theta));
        _theta = theta;
        MarkHeadTransposed = TpprlCell.TransposeMarkHead(theta, layout);
        Features = features;
        FixedZeroDecay = fixedZeroDecay;
        Name = string.IsNullOrWhiteSpace(name) ? "tpprl" : name;
        ParameterHash = Decisions.ParameterHash.Of(KindName, theta, layout.ToString(), features?.Name ?? "", fixedZeroDecay ? "w=0" : "");
    }

    /// <summary>A freshly initialised policy for users of <paramref name="context"/> (digest §1.4), or a near-Poisson
    /// start at <paramref name="initialRate"/> actions per time unit (<see cref="TpprlInitializer"/>).</summary>
    public static NeuralTppPolicy Initialize(PolicyContext context, Random rng, int hidden = 8,
        IEventFeatures? features = null, int feedbackSources = 1, bool fixedZeroDecay = false, double? initialRate = null)
    {
        var layout = LayoutFor(context, hidden, features, feedbackSources);
        return new NeuralTppPolicy(layout, TpprlInitializer.Create(layout, rng, fixedZeroDecay, initialRate), features,
            fixedZeroDecay, fixedZeroDecay ? "tpprl-wt0" : "tpprl", validate: true);
    }

    public static TpprlLayout LayoutFor(PolicyContext context, int hidden, IEventFeatures? features, int feedbackSources = 1) =>
        new(hidden, context.MarkCount, feedbackSources, context.FeedbackSize + (features?.Count ?? 0));

    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public bool RequiresHorizon => Features?.RequiresHorizon ?? false;
    public string ParameterHash { get; }
    public TpprlLayout Layout { get; }
    public ReadOnlySpan<double> Parameters => _theta;
    internal double[] ParameterArray => _theta;
    /// <summary>V_yᵀ, cached for the rollout's mark logits.</summary>
    internal double[] MarkHeadTransposed { get; }
    public IEventFeatures? Features { get; }
    /// <summary>The w_t = 0 ablation: piecewise-constant intensity between events, w not trained.</summary>
    public bool FixedZeroDecay { get; }

    public NeuralTppPolicy WithName(string name) => new(Layout, _theta, Features, FixedZeroDecay, name, validate: false);

    /// <summary>An inference state: O(hidden size), no tape, whatever the history length.</summary>
    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        CheckContext(context);
        return new NeuralTppState(this, context, random, tape: null);
    }

    /// <summary>A training state that records into <paramref name="tape"/> (reset first), so pooled tapes allocate
    /// nothing per event.</summary>
    public NeuralTppState CreateState(PolicyContext context, DecisionRandom random, TpprlTape tape)
    {
        CheckContext(context);
        if (!tape.Layout.Equals(Layout))
            throw new ArgumentException($"tape layout {tape.Layout} differs from the policy's {Layout}.", nameof(tape));
        return new NeuralTppState(this, context, random, tape);
    }

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        CheckContext(context);
        return NeuralTppState.Restore(this, context, snapshot);
    }

    /// <summary>A view of this policy whose next <see cref="IDeliveryPolicy.CreateState"/> records into <paramref name="tape"/>.</summary>
    public IDeliveryPolicy RecordingInto(TpprlTape tape) => new Recording(this, tape);

    private void CheckContext(PolicyContext context)
    {
        int f = context.FeedbackSize + (Features?.Count ?? 0);
        if (context.MarkCount != Layout.ActionMarks || f != Layout.FeatureSize)
            throw new PolicyContextException(
                $"policy '{Name}' was built for {Layout.ActionMarks} marks and {Layout.FeatureSize} features per event, " +
                $"but the environment has {context.MarkCount} marks and {context.FeedbackSize} feedback values" +
                $"{(Features is null ? "" : $" + {Features.Count} '{Features.Name}' features")}; train a policy for this environment.");
        if (RequiresHorizon) context.RequireHorizon(Name);
    }

    public override string ToString() => $"NeuralTppPolicy({Name}, {Layout}{(FixedZeroDecay ? ", w=0" : "")})";

    private sealed class Recording(NeuralTppPolicy policy, TpprlTape tape) : IDeliveryPolicy
    {
        public string Name => policy.Name;
        public string Kind => policy.Kind;
        public DecisionModes Modes => policy.Modes;
        public bool RequiresHorizon => policy.RequiresHorizon;
        public string ParameterHash => policy.ParameterHash;
        public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => policy.CreateState(context, random, tape);
        public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) =>
            throw new NotSupportedException("a training rollout is not restored from a snapshot.");
    }
}
