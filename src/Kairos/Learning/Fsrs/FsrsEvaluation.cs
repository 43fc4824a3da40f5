using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// The srs-benchmark protocol on one review log: for each split of <see cref="TimeSeriesSplit"/>, FSRS-6 is fitted
/// on the training part and predicts the test part; the FSRS-6 defaults, an optional fixed reference parameter set
/// and <see cref="HalfLifeBaseline"/> (fitted on the same part) predict it too. Metrics pool the test predictions of
/// all splits. Beside it, FSRS-6 fitted on the whole log gives the parameters to keep, scored in sample on every
/// long-term review with the defaults and the reference. Splits run in parallel, each deterministic, so results do
/// not depend on the thread count.
/// </summary>
public sealed record FsrsEvaluation(FsrsFit Full, IReadOnlyList<FsrsFit> SplitFits, RecallScores Fitted, RecallScores Defaults,
    RecallScores Hlr, RecallScores? Reference, int Splits)
{
    /// <summary>In-sample scores on every long-term review: the full fit, the defaults, the reference (if any).</summary>
    public required (RecallScores Fitted, RecallScores Defaults, RecallScores? Reference) InSample { get; init; }

    public static FsrsEvaluation Run(FsrsReviewSet data, FsrsFitter fitter, int splits = 5, int threads = -1,
        IProgressSink? progress = null, FsrsParameters? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fitter);
        var fits = new FsrsFit[splits + 1];
        var fitted = new List<RecallPrediction>[splits];
        var defaults = new List<RecallPrediction>[splits];
        var refs = new List<RecallPrediction>[splits];
        var hlr = new List<RecallPrediction>[splits];
        var all = Enumerable.Range(0, data.Count).Select(data.IsLongTerm).ToArray();
        int done = 0;
        var gate = new object();
        Parallel.For(0, splits + 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            if (f == splits) fits[f] = fitter.Fit(data, all);
            else
            {
                var (train, test) = TimeSeriesSplit.Masks(data, splits, f);
                fits[f] = fitter.Fit(data, train);
                fitted[f] = FsrsPredictor.Predict(data, fits[f].Parameters, test);
                defaults[f] = FsrsPredictor.Predict(data, FsrsParameters.Default, test);
                refs[f] = reference is null ? [] : FsrsPredictor.Predict(data, reference, test);
                hlr[f] = HalfLifeBaseline.Fit(data, train).Predict(data, test);
            }
            lock (gate) progress?.Report(++done, $"{done} of {CountText.Of(splits + 1, "fit")}");
        });
        static RecallScores Pool(List<RecallPrediction>[] parts) => RecallScores.Of(parts.SelectMany(p => p).ToList());
        RecallScores Score(FsrsParameters w) => RecallScores.Of(FsrsPredictor.Predict(data, w, all));
        return new FsrsEvaluation(fits[splits], fits[..splits], Pool(fitted), Pool(defaults), Pool(hlr),
            reference is null ? null : Pool(refs), splits)
        {
            InSample = (Score(fits[splits].Parameters), Score(FsrsParameters.Default), reference is null ? null : Score(reference)),
        };
    }
}
