using Kairos.Learning.StudentModels;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// srs-benchmark's three metrics of recall predictions: log loss (mean binary cross-entropy, p clipped to
/// [1e-6, 1 − 1e-6]), RMSE(bins) = √(Σ_b n_b(p̄_b − ȳ_b)² / Σ_b n_b) over <see cref="RecallBins"/> (fsrs-rs
/// inference.rs), and AUC (ties count ½). Always read log loss beside RMSE(bins), which can be gamed.
/// </summary>
public sealed record RecallScores(double LogLoss, double RmseBins, double Auc, int Reviews)
{
    public static RecallScores Of(IReadOnlyList<RecallPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0) return new RecallScores(double.NaN, double.NaN, double.NaN, 0);
        double loss = 0;
        var bins = new Dictionary<(int, int, int), (double P, double Y, int N)>();
        foreach (var q in predictions)
        {
            double p = Math.Clamp(q.P, 1e-6, 1 - 1e-6);
            loss -= q.Recalled ? Math.Log(p) : Math.Log(1 - p);
            bins.TryGetValue(q.Bin, out var b);
            bins[q.Bin] = (b.P + q.P, b.Y + (q.Recalled ? 1 : 0), b.N + 1);
        }
        double sq = 0;
        foreach (var (p, y, n) in bins.Values) sq += n * Math.Pow(p / n - y / n, 2);
        double auc = RecallMetrics.AreaUnderCurve(predictions.Select(q => (q.P, q.Recalled)).ToList());
        return new RecallScores(loss / predictions.Count, Math.Sqrt(sq / predictions.Count), auc, predictions.Count);
    }
}
