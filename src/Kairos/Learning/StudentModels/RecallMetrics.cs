
namespace Kairos.Learning.StudentModels;

/// <summary>
/// Held-out metrics of recall predictors (HLR paper Table 2 and srs-benchmark): log loss per trial
/// −Σ[k log p̂ + (m−k) log(1−p̂)]/Σ m with p̂ clipped to [1e-4, 0.9999]; MAE = mean |p_recall − p̂| per session;
/// AUC of round(p_recall) against p̂ per session (Mann–Whitney, ties count ½), as in Settles &amp; Meeder.
/// </summary>
public sealed record RecallMetrics(double LogLoss, double Mae, double Auc, int Sessions)
{
    /// <summary>Metrics of <paramref name="predict"/> (row index → p̂) on every session of <paramref name="data"/>.</summary>
    public static RecallMetrics Of(StudentObservationSet data, Func<int, double> predict)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) return new RecallMetrics(double.NaN, double.NaN, double.NaN, 0);
        double loss = 0, trials = 0, mae = 0;
        var scored = new (double P, bool Positive)[data.Count];
        for (int r = 0; r < data.Count; r++)
        {
            var rec = data[r];
            double raw = predict(r), p = Math.Clamp(raw, HalfLifeRegression.MinP, HalfLifeRegression.MaxP);
            loss -= rec.Recalls * Math.Log(p) + (rec.Trials - rec.Recalls) * Math.Log(1 - p);
            trials += rec.Trials;
            mae += Math.Abs(rec.PRecall - raw);
            scored[r] = (raw, rec.PRecall > 0.5);   // Python 3 round(0.5) = 0
        }
        return new RecallMetrics(loss / trials, mae / data.Count, AreaUnderCurve(scored), data.Count);
    }

    /// <summary>Area under the ROC curve by ranks (average ranks for ties); NaN if one class is empty.</summary>
    public static double AreaUnderCurve(IReadOnlyList<(double Score, bool Positive)> items)
    {
        var sorted = items.OrderBy(s => s.Score).ToArray();
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j < sorted.Length && sorted[j].Score == sorted[i].Score) j++;
            double avgRank = (i + 1 + j) / 2.0;   // ranks i+1..j
            for (int t = i; t < j; t++) if (sorted[t].Positive) { rankSum += avgRank; positives++; }
            i = j;
        }
        long negatives = sorted.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
