using Kairos.Numerics;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// SGD for <see cref="HalfLifeRegression"/> as in Settles &amp; Meeder's experiment.py: per session, loss
/// (p − p̂)² + w_h (h − ĥ)² + λ‖θ‖²/σ² with target h = clip(−Δ/log₂ p), and a per-feature rate
/// η/(1 + p)/√(1 + count_k). Defaults η = 0.001, w_h = 0.01, λ = 0.1, σ = 1 (the paper's). The original makes one
/// pass in file order; here <see cref="Epochs"/> passes visit the sessions in a seeded random order.
/// </summary>
public sealed class HalfLifeRegressionLearner
{
    private const double Ln2 = 0.69314718055994531;

    public HalfLifeRegressionLearner(int epochs = 1, double learningRate = 0.001, double halfLifeWeight = 0.01,
        double l2 = 0.1, double sigma = 1)
    {
        Epochs = Require.Positive(epochs, nameof(epochs));
        LearningRate = Require.Positive(learningRate, nameof(learningRate));
        HalfLifeWeight = Require.NonNegative(halfLifeWeight, nameof(halfLifeWeight));
        L2 = Require.NonNegative(l2, nameof(l2));
        Sigma = Require.Positive(sigma, nameof(sigma));
    }

    public int Epochs { get; }
    public double LearningRate { get; }
    public double HalfLifeWeight { get; }
    public double L2 { get; }
    public double Sigma { get; }

    public HalfLifeRegression Fit(StudentObservationSet data, Random rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        // Feature slots: 0 right, 1 wrong, 2 bias, then one per lexeme label (items sharing a label share it).
        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemSlot = new int[data.ItemCount];
        for (int i = 0; i < itemSlot.Length; i++)
        {
            if (!slot.TryGetValue(data.Labels[i], out int s)) slot.Add(data.Labels[i], s = 3 + slot.Count);
            itemSlot[i] = s;
        }
        var w = new double[3 + slot.Count];
        var counts = new double[w.Length];
        var order = Enumerable.Range(0, data.Count).ToArray();
        Span<int> ks = stackalloc int[4];
        Span<double> xs = stackalloc double[4];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            if (Epochs > 1) rng.Shuffle(order);
            foreach (int r in order)
            {
                var rec = data[r];
                (ks[0], ks[1], ks[2], ks[3]) = (0, 1, 2, itemSlot[rec.Item]);
                (xs[0], xs[1], xs[2], xs[3]) = (Math.Sqrt(1 + rec.Correct), Math.Sqrt(1 + rec.Wrong), 1, 1);
                double score = 0;
                for (int j = 0; j < 4; j++) score += w[ks[j]] * xs[j];
                double t = rec.DeltaDays, h = HalfLifeRegression.ClipHalfLife(Math.Pow(2, score));
                double p = HalfLifeRegression.ClipP(Math.Pow(2, -t / h));
                double pTarget = HalfLifeRegression.ClipP(rec.PRecall);
                double hTarget = HalfLifeRegression.ClipHalfLife(-t / Math.Log2(pTarget));
                double dlp = 2 * (p - pTarget) * Ln2 * Ln2 * p * (t / h);   // ∂(p − p̂)²/∂(θ·x)
                double dlh = 2 * (h - hTarget) * Ln2 * h;                    // ∂(h − ĥ)²/∂(θ·x)
                for (int j = 0; j < 4; j++)
                {
                    int k = ks[j];
                    double rate = LearningRate / (1 + pTarget) / Math.Sqrt(1 + counts[k]);
                    w[k] -= rate * dlp * xs[j];
                    w[k] -= rate * HalfLifeWeight * dlh * xs[j];
                    w[k] -= rate * L2 * w[k] / (Sigma * Sigma);
                    counts[k] += 1;
                }
            }
        }
        var lex = slot.ToDictionary(p => p.Key, p => w[p.Value], StringComparer.Ordinal);
        return new HalfLifeRegression(w[0], w[1], w[2], lex);
    }
}
