using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// The srs-benchmark protocol on one review log: for each split of <see cref="TimeSeriesSplit"/>, FSRS-6 is fitted
/// on the training part and predicts the test part; the FSRS-6 defaults and <see cref="HalfLifeBaseline"/> (fitted on
/// the same part) predict it too. Metrics pool the test predictions of all splits. Beside it, FSRS-6 fitted on the
/// whole log gives the parameters to keep. Splits run in parallel, each deterministic, so results do not depend on
/// the thread count.
/// </summary>
public sealed record FsrsEvaluation(FsrsFit Full, IReadOnlyList<FsrsFit> SplitFits, RecallScores Fitted, RecallScores Defaults,
    RecallScores Hlr, int Splits)
{
    public static FsrsEvaluation Run(FsrsReviewSet data, FsrsFitter fitter, int splits = 5, int threads = -1,
        IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fitter);
        var fits = new FsrsFit[splits + 1];
        var fitted = new List<RecallPrediction>[splits];
        var defaults = new List<RecallPrediction>[splits];
        var hlr = new List<RecallPrediction>[splits];
        int done = 0;
        var gate = new object();
        Parallel.For(0, splits + 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            if (f == splits)
                fits[f] = fitter.Fit(data, Enumerable.Range(0, data.Count).Select(data.IsLongTerm).ToArray());
            else
            {
                var (train, test) = TimeSeriesSplit.Masks(data, splits, f);
                fits[f] = fitter.Fit(data, train);
                fitted[f] = FsrsPredictor.Predict(data, fits[f].Parameters, test);
                defaults[f] = FsrsPredictor.Predict(data, FsrsParameters.Default, test);
                hlr[f] = HalfLifeBaseline.Fit(data, train).Predict(data, test);
            }
            lock (gate) progress?.Report(++done, $"{done} of {splits + 1} fits");
        });
        static RecallScores Pool(List<RecallPrediction>[] parts) => RecallScores.Of(parts.SelectMany(p => p).ToList());
        return new FsrsEvaluation(fits[splits], fits[..splits], Pool(fitted), Pool(defaults), Pool(hlr), splits);
    }
}
