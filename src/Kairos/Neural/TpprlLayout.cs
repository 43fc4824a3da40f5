using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// Names the slices of the TPPRL policy's single flat parameter vector θ (TPPRL §1.1–1.3 of our digest):
/// <code>
///   h_k  = tanh(W_m[x_k] + W_h h_{k−1} + W_r z_k + W_t Δ_k + b_h)      (one step per event of either kind)
///   λ(t) = exp(vᵀh_k + b + w (t − t_k))                                 (on (t_k, t_{k+1}])
///   P(y) = softmax(V_y h_k + uᵀφ_y(t))_y                               (only when actions carry ≥ 2 marks)
/// </code>
/// Order in θ: W_m [(A+S)×H, row x = embedding of input x], W_h [H×H, row i feeds unit i], W_r [H×F],
/// W_t [H], b_h [H], v [H], b [1], w [1], V_y [A×H, only when A ≥ 2], u [G, only with G ≥ 1 per-mark features
/// φ_y(t), <see cref="Kairos.Policies.IItemFeatures"/>]. Inputs x: an own action of mark m is row m;
/// a feedback event from source s is row A + s.
/// </summary>
public sealed class TpprlLayout : IEquatable<TpprlLayout>
{
    public TpprlLayout(int hidden, int actionMarks, int feedbackSources, int featureSize, int itemFeatureSize = 0)
    {
        Hidden = Require.Positive(hidden, nameof(hidden));
        ActionMarks = Require.Positive(actionMarks, nameof(actionMarks));
        FeedbackSources = Require.Positive(feedbackSources, nameof(feedbackSources));
        FeatureSize = Require.NonNegative(featureSize, nameof(featureSize));
        int h = hidden;
        EmbeddingRows = actionMarks + feedbackSources;
        Wm = 0;
        Wh = Wm + EmbeddingRows * h;
        Wr = Wh + h * h;
        Wt = Wr + h * featureSize;
        Bh = Wt + h;
        V = Bh + h;
        B = V + h;
        W = B + 1;
        Vy = W + 1;
        ItemFeatureSize = Require.NonNegative(itemFeatureSize, nameof(itemFeatureSize));
        if (itemFeatureSize > 0 && !HasMarkHead)
            throw new ArgumentException("per-mark features need a mark head (at least 2 action marks).", nameof(itemFeatureSize));
        U = Vy + (HasMarkHead ? actionMarks * h : 0);
        Length = U + itemFeatureSize;
    }

    /// <summary>G, the number of per-mark features φ_y(t) the mark head weighs (0: none).</summary>
    public int ItemFeatureSize { get; }
    /// <summary>Offset of u, the weights of the per-mark features.</summary>
    public int U { get; }

    /// <summary>H, the number of state units.</summary>
    public int Hidden { get; }
    /// <summary>A, the number of action marks (items); the mark head exists only when A ≥ 2.</summary>
    public int ActionMarks { get; }
    /// <summary>S, the number of feedback sources with their own embedding row.</summary>
    public int FeedbackSources { get; }
    /// <summary>F, the length of z_k: the environment's feedback vector followed by extra event features.</summary>
    public int FeatureSize { get; }
    public int EmbeddingRows { get; }
    public bool HasMarkHead => ActionMarks >= 2;

    /// <summary>Offsets of the slices in θ.</summary>
    public int Wm { get; }
    public int Wh { get; }
    public int Wr { get; }
    public int Wt { get; }
    public int Bh { get; }
    public int V { get; }
    public int B { get; }
    public int W { get; }
    public int Vy { get; }
    /// <summary>Total number of parameters.</summary>
    public int Length { get; }
    /// <summary>Length of the cell's prefix of θ (W_m, W_h, W_r, W_t, b_h): another model may put its own output
    /// heads after it and run the same cell and kernels on a longer θ.</summary>
    public int CellLength => Bh + Hidden;

    /// <summary>Embedding row of an own action of mark <paramref name="mark"/>.</summary>
    public int ActionInput(int mark) => (uint)mark < (uint)ActionMarks ? mark
        : throw new ArgumentOutOfRangeException(nameof(mark), mark, $"action mark must lie in [0, {ActionMarks}), got {mark}.");

    /// <summary>Embedding row of a feedback event from source <paramref name="source"/>.</summary>
    public int FeedbackInput(int source) => (uint)source < (uint)FeedbackSources ? ActionMarks + source
        : throw new ArgumentOutOfRangeException(nameof(source), source,
            $"feedback source (event mark) must lie in [0, {FeedbackSources}), got {source}; raise the policy's feedback sources.");

    public bool Equals(TpprlLayout? other) => other is not null && other.Hidden == Hidden
        && other.ActionMarks == ActionMarks && other.FeedbackSources == FeedbackSources && other.FeatureSize == FeatureSize
        && other.ItemFeatureSize == ItemFeatureSize;
    public override bool Equals(object? obj) => Equals(obj as TpprlLayout);
    public override int GetHashCode() => HashCode.Combine(Hidden, ActionMarks, FeedbackSources, FeatureSize, ItemFeatureSize);

    /// <summary>The layout in the words of the policy file and `kairos train`, for messages to users.</summary>
    public string Describe() =>
        $"{Hidden} hidden units (--hidden), {ActionMarks} action mark(s), {FeedbackSources} feedback source(s), {FeatureSize} input(s) per event" +
        $"{(ItemFeatureSize > 0 ? $", {ItemFeatureSize} per-item feature(s)" : "")}: {CountText.Of(Length, "parameter")}";

    public override string ToString() =>
        $"TpprlLayout(H={Hidden}, A={ActionMarks}, S={FeedbackSources}, F={FeatureSize}{(ItemFeatureSize > 0 ? $", G={ItemFeatureSize}" : "")}, |θ|={Length})";
}
