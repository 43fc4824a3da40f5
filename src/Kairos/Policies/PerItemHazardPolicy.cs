using Kairos.Decisions;

namespace Kairos.Policies;

/// <summary>
/// TPPRL with one intensity per item: item i is reviewed by its own point process, λ_i(t) = exp(c_i + ω_i(t − t_k))
/// on the interval after the last event t_k (<see cref="PerItemHazardLayout"/>: the shared part b + γᵀs_k and the
/// item's features φ_i(t_k) from its observed history, <see cref="IItemFeatures"/>, with their time derivative in the
/// slope), or, on the retrievability clock, exp(c_i + κ(−ln R̂_i(t))) with the item's predicted retrievability moving
/// in time (<see cref="IItemClocks"/>). The total intensity is Σ_i λ_i and an action's mark is the item whose clock fired first (competing
/// risks), so each item can be reviewed when its own features say so — the due dates a single shared rate and a mark
/// softmax (<see cref="NeuralTppPolicy"/>) cannot give. Each item's next time is drawn exactly by Algorithm 2
/// (<see cref="PointProcesses.NextEventSampler"/>: an item's own action draws a fresh target, every other event
/// refines its pending time). Trained by REINFORCE (<c>Learning/PerItemHazardTrainer</c>). Holds only parameters.
/// </summary>
public sealed class PerItemHazardPolicy : IDeliveryPolicy
{
    public const string KindName = "tpprl-per-item";
    /// <summary>Time step of the forward difference that gives φ̇ (in the context's time unit).</summary>
    public const double FeatureStep = 1e-3;

    private readonly double[] _theta;

    public PerItemHazardPolicy(IItemFeatures features, int marks, ReadOnlySpan<double> parameters, string name = KindName,
        PerItemClock clock = PerItemClock.Linear)
        : this(features, marks, parameters.ToArray(), name, validate: true, clock) { }

    private PerItemHazardPolicy(IItemFeatures features, int marks, double[] theta, string name, bool validate, PerItemClock clock)
    {
        Features = features ?? throw new ArgumentNullException(nameof(features));
        Layout = LayoutFor(features, marks, clock);
        if (theta.Length != Layout.Length)
            throw new ArgumentException($"parameters have length {theta.Length}, the layout {Layout} expects {Layout.Length}.", nameof(theta));
        if (validate)
            for (int i = 0; i < theta.Length; i++)
                if (!double.IsFinite(theta[i]))
                    throw new ArgumentException($"parameter {i} is {theta[i]}; all parameters must be finite.", nameof(theta));
        _theta = theta;
        Name = string.IsNullOrWhiteSpace(name) ? KindName : name;
        ParameterHash = Decisions.ParameterHash.Of(KindName, theta, Layout.ToString(), features.Name);
    }

    /// <summary>Q = the features' summaries + the elapsed fraction of the window; G = the features per item.</summary>
    public static PerItemHazardLayout LayoutFor(IItemFeatures features, int marks, PerItemClock clock = PerItemClock.Linear) =>
        new(marks, features.SummaryCount + 1, features.Count, clock);

    /// <summary>A start for <paramref name="context"/>: every item at rate <paramref name="initialRate"/>/A, plus
    /// <paramref name="sharpness"/> times the item's first feature (for <see cref="FsrsItemFeatures"/>, 1 − R̂ now: items
    /// the student is forgetting come first); the other weights start at 0. On the retrievability clock the sharpness
    /// is κ, the weight on −ln R̂(t), and the rate is each item's at R̂ = <see cref="StartRetention"/>.</summary>
    public static PerItemHazardPolicy Initialize(PolicyContext context, IItemFeatures features, double initialRate, double sharpness = 0,
        PerItemClock clock = PerItemClock.Linear)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!(initialRate > 0 && double.IsFinite(initialRate))) throw new ArgumentOutOfRangeException(nameof(initialRate), initialRate, "must be finite and > 0");
        var layout = LayoutFor(features, context.MarkCount, clock);
        var theta = new double[layout.Length];
        theta[PerItemHazardLayout.B] = Math.Log(initialRate / context.MarkCount);
        if (clock == PerItemClock.Retrievability)
        {
            theta[PerItemHazardLayout.W] = sharpness;
            theta[PerItemHazardLayout.B] += sharpness * Math.Log(StartRetention);
        }
        else if (layout.Features > 0) theta[layout.U] = sharpness;
        return new PerItemHazardPolicy(features, context.MarkCount, theta, KindName, validate: true, clock);
    }

    /// <summary>The retrievability at which a retrievability-clock start reviews each item at the start rate.</summary>
    public const double StartRetention = 0.9;

    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    /// <summary>The shared inputs include the elapsed fraction of the window.</summary>
    public bool RequiresHorizon => true;
    public string ParameterHash { get; }
    public PerItemHazardLayout Layout { get; }
    public IItemFeatures Features { get; }
    public ReadOnlySpan<double> Parameters => _theta;
    internal double[] ParameterArray => _theta;

    public PerItemHazardPolicy WithName(string name) => new(Features, Layout.Marks, _theta, name, validate: false, Layout.Clock);

    /// <summary>The same policy with parameters <paramref name="theta"/>, shared without copying unless <paramref name="copy"/>.</summary>
    public PerItemHazardPolicy With(double[] theta, bool copy) =>
        new(Features, Layout.Marks, copy ? (double[])theta.Clone() : theta, Name, validate: copy, Layout.Clock);

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        CheckContext(context);
        return new PerItemHazardState(this, context, random, tape: null);
    }

    /// <summary>A training state that accumulates the episode's score into <paramref name="tape"/> (reset first).</summary>
    public PerItemHazardState CreateState(PolicyContext context, DecisionRandom random, PerItemHazardTape tape)
    {
        CheckContext(context);
        if (!tape.Layout.Equals(Layout)) throw new ArgumentException($"tape layout {tape.Layout} differs from the policy's {Layout}.", nameof(tape));
        return new PerItemHazardState(this, context, random, tape);
    }

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        CheckContext(context);
        return PerItemHazardState.Restore(this, context, snapshot);
    }

    /// <summary>A view whose next <see cref="IDeliveryPolicy.CreateState"/> records into <paramref name="tape"/>.</summary>
    public IDeliveryPolicy RecordingInto(PerItemHazardTape tape) => new Recording(this, tape);

    private void CheckContext(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MarkCount != Layout.Marks)
            throw new PolicyContextException($"policy '{Name}' was built for {CountText.Of(Layout.Marks, "item")}, but the environment has " +
                $"{CountText.Of(context.MarkCount, "mark")}; train a policy for this environment.");
        context.RequireHorizon(Name);
    }

    public override string ToString() => $"PerItemHazardPolicy({Name}, {Layout}, {Features.Name})";

    private sealed class Recording(PerItemHazardPolicy policy, PerItemHazardTape tape) : IDeliveryPolicy
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
