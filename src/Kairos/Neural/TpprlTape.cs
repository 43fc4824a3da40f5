using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// The record of one episode that backpropagation through time consumes: per event k = 1..K its time t_k,
/// Δ_k = t_k − t_{k−1} (t_0 = 0), embedding input x_k, own-action mark y_k (−1 for feedback), feature vector
/// z_k, and the state h_k (h_0 = 0). Buffers grow by doubling and are reused after <see cref="Reset"/>, so a
/// pooled tape allocates nothing per event.
/// </summary>
public sealed class TpprlTape
{
    private double[] _time = new double[64], _delta = new double[64];
    private int[] _input = new int[64], _mark = new int[64];
    private double[] _z, _h;

    public TpprlTape(TpprlLayout layout, double horizon = 0)
    {
        Layout = layout;
        _z = new double[64 * Math.Max(layout.FeatureSize, 1)];
        _h = new double[65 * layout.Hidden];
        Reset(horizon);
    }

    public TpprlLayout Layout { get; }
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
    /// <see cref="State"/>(k) or by <see cref="Recompute"/>). Returns k.</summary>
    public int Append(double time, int input, int mark, ReadOnlySpan<double> z)
    {
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
    /// <summary>State h_k (k = 0..K).</summary>
    public Span<double> State(int k) => _h.AsSpan(k * Layout.Hidden, Layout.Hidden);

    /// <summary>Recomputes every h_k from the recorded inputs under <paramref name="theta"/> (used by gradient
    /// checks and by training on logged episodes).</summary>
    public void Recompute(ReadOnlySpan<double> theta)
    {
        for (int k = 1; k <= Count; k++)
            TpprlCell.Step(theta, Layout, State(k - 1), Input(k), Features(k), Delta(k), State(k));
    }

    private void Grow()
    {
        int n = _time.Length * 2;
        Array.Resize(ref _time, n);
        Array.Resize(ref _delta, n);
        Array.Resize(ref _input, n);
        Array.Resize(ref _mark, n);
        Array.Resize(ref _z, n * Math.Max(Layout.FeatureSize, 1));
        Array.Resize(ref _h, (n + 1) * Layout.Hidden);
    }
}
