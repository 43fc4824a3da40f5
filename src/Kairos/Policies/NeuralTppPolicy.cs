using Kairos.Decisions;
using Kairos.Neural;

namespace Kairos.Policies;

/// <summary>
/// The TPPRL policy (Upadhyay et al., NeurIPS 2018): an RNN over all events whose state sets an exponential
/// intensity λ(t) = exp(vᵀh_k + b + w(t − t_k)) for the next action and a softmax over action marks (optionally
/// also weighing per-mark features of the observed history, <see cref="IItemFeatures"/>); actions are drawn by Algorithm 2 (<see cref="PointProcesses.NextEventSampler"/>). Holds only parameters (copied in) and is shared
/// across threads; each episode's state, with its tape for training, is a <see cref="NeuralTppState"/>.
/// </summary>
public sealed class NeuralTppPolicy : IDeliveryPolicy
{
    /// <summary>Kind name in snapshots and policy files.</summary>
    public const string KindName = "tpprl";

    private readonly double[] _theta;

    public NeuralTppPolicy(TpprlLayout layout, ReadOnlySpan<double> parameters, IEventFeatures? features = null,
        bool fixedZeroDecay = false, string name = "tpprl", IItemFeatures? items = null)
        : this(layout, parameters.ToArray(), features, fixedZeroDecay, name, validate: true, items) { }

    /// <summary>Shares <paramref name="theta"/> without copying (the trainer's rollouts; it is not changed meanwhile).</summary>
    internal NeuralTppPolicy(TpprlLayout layout, double[] theta, IEventFeatures? features, bool fixedZeroDecay,
        string name, bool validate, IItemFeatures? items = null)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        if (layout.ItemFeatureSize != (items?.Count ?? 0))
            throw new ArgumentException($"the layout {layout} has {layout.ItemFeatureSize} per-mark features, the item features " +
                $"'{items?.Name ?? "none"}' give {items?.Count ?? 0}.", nameof(items));
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
        ItemFeatures = items;
        FixedZeroDecay = fixedZeroDecay;
        Name = string.IsNullOrWhiteSpace(name) ? "tpprl" : name;
        ParameterHash = Decisions.ParameterHash.Of(KindName, theta, layout.ToString(),
            (features?.Name ?? "") + (items is null ? "" : "+" + items.Name), fixedZeroDecay ? "w=0" : "");
    }

    /// <summary>A freshly initialised policy for users of <paramref name="context"/> (digest §1.4), or a near-Poisson
    /// start at <paramref name="initialRate"/> actions per time unit (<see cref="TpprlInitializer"/>).</summary>
    /// <remarks>The weights u of per-mark features start at 0: the start's mark law ignores them.</remarks>
    public static NeuralTppPolicy Initialize(PolicyContext context, Random rng, int hidden = 8,
        IEventFeatures? features = null, int feedbackSources = 1, bool fixedZeroDecay = false, double? initialRate = null,
        IItemFeatures? items = null)
    {
        var layout = LayoutFor(context, hidden, features, feedbackSources, items);
        return new NeuralTppPolicy(layout, TpprlInitializer.Create(layout, rng, fixedZeroDecay, initialRate), features,
            fixedZeroDecay, fixedZeroDecay ? "tpprl-wt0" : "tpprl", validate: true, items);
    }

    /// <summary>z_k = [feedback, event features, summaries of the per-mark features]; G per-mark features.</summary>
    public static TpprlLayout LayoutFor(PolicyContext context, int hidden, IEventFeatures? features, int feedbackSources = 1,
        IItemFeatures? items = null) =>
        new(hidden, context.MarkCount, feedbackSources, context.FeedbackSize + (features?.Count ?? 0) + (items?.SummaryCount ?? 0),
            items?.Count ?? 0);

    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public bool RequiresHorizon => (Features?.RequiresHorizon ?? false) || (ItemFeatures?.RequiresHorizon ?? false);
    public string ParameterHash { get; }
    public TpprlLayout Layout { get; }
    public ReadOnlySpan<double> Parameters => _theta;
    internal double[] ParameterArray => _theta;
    /// <summary>V_yᵀ, cached for the rollout's mark logits.</summary>
    internal double[] MarkHeadTransposed { get; }
    public IEventFeatures? Features { get; }
    /// <summary>Per-mark features of the observed history weighed by the mark head, or null.</summary>
    public IItemFeatures? ItemFeatures { get; }
    /// <summary>The w_t = 0 ablation: piecewise-constant intensity between events, w not trained.</summary>
    public bool FixedZeroDecay { get; }

    public NeuralTppPolicy WithName(string name) => new(Layout, _theta, Features, FixedZeroDecay, name, validate: false, ItemFeatures);

    /// <summary>The same policy (features, ablation, name) with parameters <paramref name="theta"/>, shared without copying
    /// unless <paramref name="copy"/>.</summary>
    internal NeuralTppPolicy With(double[] theta, bool copy) =>
        new(Layout, copy ? (double[])theta.Clone() : theta, Features, FixedZeroDecay, Name, validate: copy, ItemFeatures);

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
        int f = context.FeedbackSize + (Features?.Count ?? 0) + (ItemFeatures?.SummaryCount ?? 0);
        if (context.MarkCount != Layout.ActionMarks || f != Layout.FeatureSize)
            throw new PolicyContextException(
                $"policy '{Name}' was built for {CountText.Of(Layout.ActionMarks, "mark")} and {CountText.Of(Layout.FeatureSize, "feature")} per event, " +
                $"but the environment has {CountText.Of(context.MarkCount, "mark")} and {context.FeedbackSize} feedback values" +
                $"{(Features is null ? "" : $" + {Features.Count} '{Features.Name}' features")}" +
                $"{(ItemFeatures is null ? "" : $" + {ItemFeatures.SummaryCount} '{ItemFeatures.Name}' summaries")}; train a policy for this environment.");
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
