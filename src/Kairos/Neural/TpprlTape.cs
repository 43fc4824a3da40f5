using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// The record of one episode that backpropagation through time consumes: per event k = 1..K its time t_k,
/// Δ_k = t_k − t_{k−1} (t_0 = 0), embedding input x_k, own-action mark y_k (−1 for feedback), feature vector
/// z_k, the per-mark features φ(t_k) of an own action when the layout has them (A·G values, mark-major), and the
/// state h_k (h_0 = 0). Buffers grow by doubling and are reused after <see cref="Reset"/>, so a
/// pooled tape allocates nothing per event.
/// </summary>
public sealed class TpprlTape
{
    private double[] _time = new double[64], _delta = new double[64];
    private int[] _input = new int[64], _mark = new int[64];
    private double[] _z, _h, _phi;
    // Per state k = 0..K: c_k = vᵀh_k + b and, with a mark head, log Σ e^ℓ, ‖p‖² and the entropy of p_k. The A mark
    // probabilities themselves are not kept: BPTT recomputes p_k = exp(V_y h_k − lse_k), which is cheaper than
    // streaming (K+1)×A doubles per episode through memory (25 MB for a batch of 32 × 2,000 events × 50 marks).
    private double[] _c = new double[65], _lse = new double[65], _s2 = new double[65], _ent = new double[65];
    private readonly double[] _logitScratch, _markLaw;   // ℓ and p of the latest state, for the recording policy

    public TpprlTape(TpprlLayout layout, double horizon = 0)
    {
        Layout = layout;
        _z = new double[64 * Math.Max(layout.FeatureSize, 1)];
        _h = new double[65 * layout.Hidden];
        _phi = new double[64 * ItemBlock];
        _logitScratch = new double[layout.HasMarkHead ? layout.ActionMarks : 0];
        _markLaw = new double[_logitScratch.Length];
        Reset(horizon);
    }

    public TpprlLayout Layout { get; }
    /// <summary>A·G, the per-mark features recorded per event (0 without them).</summary>
    private int ItemBlock => Layout.ItemFeatureSize * Layout.ActionMarks;
    /// <summary>Episode end T; the survival interval is (t_K, T].</summary>
    public double Horizon { get; private set; }
    /// <summary>K, the number of recorded events.</summary>
    public int Count { get; private set; }
    /// <summary>Number of own actions among the events.</summary>
    public int OwnCount { get; private set; }
    public double LastTime => Count == 0 ? 0 : _time[Count - 1];

    public void Reset(double horizon)
    {
        Horizon = Require.NonNegative(horizon, nameof(horizon));
        Count = 0;
        OwnCount = 0;
        Array.Clear(_h, 0, Layout.Hidden);
    }

    /// <summary>Appends event k = Count + 1 (inputs only; its state is written by the caller via
    /// <see cref="State"/>(k) or by <see cref="Recompute"/>). Returns k. With per-mark features in the layout, an own
    /// action also records φ(t_k), the features its mark was drawn with (A·G values, mark-major).</summary>
    public int Append(double time, int input, int mark, ReadOnlySpan<double> z, ReadOnlySpan<double> itemFeatures = default)
    {
        if (mark >= 0 && itemFeatures.Length != ItemBlock)
            throw new ArgumentException($"an own action records {ItemBlock} per-mark features, got {itemFeatures.Length}.", nameof(itemFeatures));
        if (!(time >= LastTime))
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"event time {time:R} is earlier than the previous event's {LastTime:R}; events must be in time order.");
        if (z.Length != Layout.FeatureSize)
            throw new ArgumentException($"feature vector has length {z.Length}, the layout expects {Layout.FeatureSize}.", nameof(z));
        if (Count == _time.Length) Grow();
        int i = Count;
        _delta[i] = time - LastTime;
        _time[i] = time;
        _input[i] = input;
        _mark[i] = mark;
        z.CopyTo(_z.AsSpan(i * Layout.FeatureSize, Layout.FeatureSize));
        if (mark >= 0) itemFeatures.CopyTo(_phi.AsSpan(i * ItemBlock, ItemBlock));
        Count++;
        if (mark >= 0) OwnCount++;
        return Count;
    }

    /// <summary>Time t_k of event k (1-based).</summary>
    public double Time(int k) => _time[k - 1];
    /// <summary>Δ_k = t_k − t_{k−1}.</summary>
    public double Delta(int k) => _delta[k - 1];
    public int Input(int k) => _input[k - 1];
    /// <summary>Mark of event k if it is an own action, else −1.</summary>
    public int Mark(int k) => _mark[k - 1];
    public ReadOnlySpan<double> Features(int k) => _z.AsSpan((k - 1) * Layout.FeatureSize, Layout.FeatureSize);
    /// <summary>φ(t_k) of own action k (A·G values, mark-major; empty without per-mark features).</summary>
    public ReadOnlySpan<double> ItemFeatures(int k) => _phi.AsSpan((k - 1) * ItemBlock, ItemBlock);
    /// <summary>State h_k (k = 0..K).</summary>
    public Span<double> State(int k) => _h.AsSpan(k * Layout.Hidden, Layout.Hidden);

    /// <summary>Log-intensity c_k = vᵀh_k + b after event k (cached when the state was written).</summary>
    public double LogIntensity(int k) => _c[k];
    /// <summary>Mark-law summary of state k: log-sum-exp of the logits, ‖p‖² and entropy H(p).</summary>
    public (double LogSumExp, double SquareNorm, double Entropy) MarkSummary(int k) => (_lse[k], _s2[k], _ent[k]);

    /// <summary>Caches c_k and the mark-law summary of state k (the policy state does this as it records).</summary>
    public void SetOutputs(int k, double logIntensity, double logSumExp = 0, double squareNorm = 0, double entropy = 0)
    {
        _c[k] = logIntensity;
        _lse[k] = logSumExp;
        _s2[k] = squareNorm;
        _ent[k] = entropy;
    }

    /// <summary>Recomputes every h_k and its cached outputs from the recorded inputs under <paramref name="theta"/>
    /// (gradient checks, training on logged episodes). A tape built by hand with <see cref="Append"/> must be
    /// recomputed before <see cref="TpprlObjective"/> reads it.</summary>
    public void Recompute(ReadOnlySpan<double> theta)
    {
        var vyTransposed = TpprlCell.TransposeMarkHead(theta, Layout);   // the rollout's kernel: bit-identical outputs
        for (int k = 0; k <= Count; k++)
        {
            if (k > 0) TpprlCell.Step(theta, Layout, State(k - 1), Input(k), Features(k), Delta(k), State(k));
            WriteOutputs(theta, k, _logitScratch, _markLaw, vyTransposed);
        }
    }

    /// <summary>Computes and caches the outputs of state k (c_k and the summary of p_k); writes p_k into
    /// <paramref name="probabilities"/>; <paramref name="logits"/> is scratch (both length A with a mark head).</summary>
    internal void WriteOutputs(ReadOnlySpan<double> theta, int k, Span<double> logits, Span<double> probabilities,
        ReadOnlySpan<double> vyTransposed = default)
    {
        double c = TpprlCell.LogIntensity(theta, Layout, State(k));
        if (!Layout.HasMarkHead) { SetOutputs(k, c); return; }
        double max;
        if (vyTransposed.IsEmpty)
        {
            TpprlCell.MarkLogits(theta, Layout, State(k), logits);
            max = System.Numerics.Tensors.TensorPrimitives.Max<double>(logits);
        }
        else max = MarkKernels.Logits(vyTransposed, logits.Length, State(k), logits);
        var (lse, s2, ent) = MarkKernels.Softmax(logits, probabilities, max);
        SetOutputs(k, c, lse, s2, ent);
    }

    private void Grow()
    {
        int n = _time.Length * 2;
        Array.Resize(ref _time, n);
        Array.Resize(ref _delta, n);
        Array.Resize(ref _input, n);
        Array.Resize(ref _mark, n);
        Array.Resize(ref _z, n * Math.Max(Layout.FeatureSize, 1));
        Array.Resize(ref _phi, n * ItemBlock);
        Array.Resize(ref _h, (n + 1) * Layout.Hidden);
        Array.Resize(ref _c, n + 1);
        Array.Resize(ref _lse, n + 1);
        Array.Resize(ref _s2, n + 1);
        Array.Resize(ref _ent, n + 1);
    }
}
