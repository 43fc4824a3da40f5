using Kairos.Data.Anki;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Learning.Fsrs;

public class FsrsEvaluationTests
{
    [Theory]
    [InlineData(1, 1, 0, 248, 4, 0)]     // Δt = 1: 2.48·3.62⁰·100; n + 1 = 2: 1.99·1.89¹ = 3.76 → 4
    [InlineData(4, 1, 0, 898, 4, 0)]     // Δt = 4: 2.48·3.62·100 = 897.8
    [InlineData(30, 3, 1, 3250, 7, 2)]   // 30 ≥ 3.62² = 13.1: 2.48·13.1044·100 = 3249.9; 4 ≥ 1.89² = 3.57: 1.99·3.5721 = 7.1; 1.65
    [InlineData(1, 1, 3, 248, 4, 5)]     // lapses 3 ≥ 1.73² = 2.99: 1.65·2.9929 = 4.94 → 5
    public void Bins_follow_fsrs_rs(double dt, int n, int lapses, int delta, int length, int lapseBin) =>
        Assert.Equal((delta, length, lapseBin), RecallBins.Of(dt, n, lapses));

    [Fact]
    public void Scores_pool_bins_and_count_ties_as_half()
    {
        var bin = (1, 1, 0);
        RecallPrediction[] p = [new(0.9, true, bin), new(0.9, false, bin), new(0.5, true, (2, 1, 0)), new(0.2, false, (2, 1, 0))];
        var s = RecallScores.Of(p);
        double loss = -(Math.Log(0.9) + Math.Log(0.1) + Math.Log(0.5) + Math.Log(0.8)) / 4;
        Assert.Equal(loss, s.LogLoss, 1e-12);
        // bin 1: p̄ 0.9, ȳ 0.5, n 2; bin 2: p̄ 0.35, ȳ 0.5, n 2 → √((2·0.16 + 2·0.0225)/4)
        Assert.Equal(Math.Sqrt((2 * 0.16 + 2 * 0.0225) / 4), s.RmseBins, 1e-12);
        // positives {0.9, 0.5}, negatives {0.9, 0.2}: pairs won 1 + ½ (tie) + 1 + 0 = 2.5 of 4
        Assert.Equal(0.625, s.Auc, 1e-12);
    }

    [Fact]
    public void Split_matches_scikit_learn_blocks()
    {
        // 12 reviews of one card, one per day: TimeSeriesSplit(5) has test blocks of 2 starting at 2, 4, …, 10.
        var log = Enumerable.Range(0, 12).Select(d => new ReviewLogRecord(1, 3, new DateTimeOffset(2024, 1, 1 + d, 12, 0, 0, TimeSpan.Zero), 0)).ToList();
        var data = FsrsReviewSet.From(log);
        for (int f = 0; f < 5; f++)
        {
            var (train, test) = TimeSeriesSplit.Masks(data, 5, f);
            int start = 2 + 2 * f;
            Assert.Equal(Enumerable.Range(0, 12).Select(i => i >= 1 && i < start), train);   // review 0 is a first review: never scored
            Assert.Equal(Enumerable.Range(0, 12).Select(i => i >= start && i < start + 2), test);
        }
    }

    [Fact]
    public void Days_start_at_the_given_hour_so_late_night_reviews_share_a_day()
    {
        var t = new DateTimeOffset(2024, 1, 1, 23, 0, 0, TimeSpan.Zero);
        var log = new List<ReviewLogRecord> { new(1, 3, t, 0), new(1, 3, t.AddHours(4), 0), new(1, 3, t.AddHours(6), 0) };
        Assert.Equal([0.0, 0.0, 1.0], FsrsReviewSet.From(log, dayStartHour: 4).Elapsed);
        Assert.Equal([0.0, 1.0, 0.0], FsrsReviewSet.From(log, dayStartHour: 0).Elapsed);
    }

    [Fact]
    public void Evaluation_does_not_depend_on_the_thread_count()
    {
        var data = FsrsReviewSet.From(FsrsSyntheticLog.Generate(FsrsParameters.Default, 120, 8, new Random(2)));
        var one = FsrsEvaluation.Run(data, new FsrsFitter(), 3, threads: 1);
        var all = FsrsEvaluation.Run(data, new FsrsFitter(), 3, threads: 4);
        Assert.Equal(one.Full.Parameters.Weights, all.Full.Parameters.Weights);
        Assert.Equal(one.Fitted, all.Fitted);
        Assert.Equal(one.Hlr, all.Hlr);
    }
}
