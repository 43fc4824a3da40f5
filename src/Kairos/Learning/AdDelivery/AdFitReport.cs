using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Learning.AdDelivery;

/// <summary>One row of the held-out comparison: log-likelihood per user event of the gaps (the ground process of
/// feedback and opportunities), or null with the reason when the baseline could not be fitted.</summary>
public sealed record AdBaselineRow(string Model, double? TimeLogLikelihoodPerEvent, string? Note);

/// <summary>One reliability bin: mean predicted conversion probability, observed conversion frequency, events.</summary>
public sealed record AdCalibrationBin(double Predicted, double Observed, int Events);

/// <summary>
/// The fit report on the test users: the model's log-likelihood per user event (total and its gap, type and value
/// parts), the same gap log-likelihood under Poisson, Hawkes and Burr XII renewal baselines fitted to the training
/// users' feedback and opportunity times, the time-rescaling KS test of the model's compensator increments against
/// Exp(1), and the reliability of the predicted conversion probability (deciles of the prediction).
/// </summary>
public sealed record AdFitReport(AdLogLikelihood Model, int TestUsers, IReadOnlyList<AdBaselineRow> Baselines,
    KolmogorovSmirnov.Result RescalingKs, IReadOnlyList<AdCalibrationBin> Calibration)
{
    private static readonly EventKind[] UserEvents = [EventKind.Feedback, EventKind.Opportunity];

    public static AdFitReport Of(AdNetwork map, AdDataSplit split, int conversionMark)
    {
        var predictions = new AdPredictions(conversionMark);
        var ws = new AdLikelihoodWorkspace(map.Layout);
        var total = default(AdLogLikelihood);
        var packed = new AdPackedNetwork(map);
        foreach (var user in split.Test) total += AdLikelihood.Evaluate(packed, user, ws, predictions: predictions);
        var ks = KolmogorovSmirnov.Test(predictions.RescaledGaps.ToArray(), x => -Fn.Expm1(-x));
        return new AdFitReport(total, split.Test.Count, FitBaselines(split), ks, Bins(predictions));
    }

    private static IReadOnlyList<AdBaselineRow> FitBaselines(AdDataSplit split)
    {
        var (trainTimes, trainEnds) = Times(split.Train);
        var (testTimes, testEnds) = Times(split.Test);
        int testEvents = testTimes.Sum(t => t.Length);
        var rows = new List<AdBaselineRow>();
        foreach (var family in new[] { PointProcessFamily.Poisson, PointProcessFamily.Hawkes, PointProcessFamily.HeavyTail })
        {
            string name = family == PointProcessFamily.HeavyTail ? "burr-renewal" : family.ToString().ToLowerInvariant();
            try
            {
                var fit = new PointProcessFitter().Fit(family, trainTimes, trainEnds);
                var model = fit.Model;
                double ll = PointProcessFitter.SumLogLikelihood(model, testTimes, testEnds, new double[fit.Estimates.Count]);
                rows.Add(new AdBaselineRow(name, ll / Math.Max(1, testEvents), null));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or UserInputException)
            {
                rows.Add(new AdBaselineRow(name, null, e.Message));
            }
        }
        return rows;
    }

    /// <summary>Each user's feedback and opportunity times, tied times nudged apart by 1e-9 of the window so that
    /// the baselines' densities stay finite (the model scores ties at its minimum gap likewise).</summary>
    private static (double[][] Times, double[] Ends) Times(IReadOnlyList<AdUserSequence> users)
    {
        var times = users.Select(u =>
        {
            var t = u.Events.Where(e => UserEvents.Contains(e.Kind)).Select(e => e.Time).ToArray();
            double eps = 1e-9 * Math.Max(u.End, 1);
            for (int i = 1; i < t.Length; i++) if (t[i] <= t[i - 1]) t[i] = t[i - 1] + eps;
            return t;
        }).ToArray();
        var ends = users.Select((u, i) => Math.Max(u.End, times[i].Length > 0 ? times[i][^1] : 0)).ToArray();
        return (times, ends);
    }

    /// <summary>Deciles of the predicted probability (equal-count bins, predictions sorted, ties in event order).</summary>
    private static IReadOnlyList<AdCalibrationBin> Bins(AdPredictions p)
    {
        const int bins = 10;
        int n = p.ConversionProbabilities.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => p.ConversionProbabilities[i]).ToArray();
        var result = new List<AdCalibrationBin>();
        for (int b = 0; b < bins; b++)
        {
            int from = b * n / bins, to = (b + 1) * n / bins;
            if (to <= from) continue;
            double sum = 0;
            int hits = 0;
            for (int j = from; j < to; j++)
            {
                sum += p.ConversionProbabilities[order[j]];
                if (p.Conversions[order[j]]) hits++;
            }
            result.Add(new AdCalibrationBin(sum / (to - from), (double)hits / (to - from), to - from));
        }
        return result;
    }
}
