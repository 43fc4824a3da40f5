using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Learning.Fsrs;

public class FsrsFitterTests
{
    /// <summary>Non-default truth: slower forgetting curve decay, bigger success gains, harsher lapses.</summary>
    private static readonly FsrsParameters Truth = new(
    [
        0.5, 1.5, 3.5, 10, 5.5, 1.1, 2.2, 0.02, 1.5, 0.25, 1.1, 1.2, 0.1, 0.4, 1.3, 0.4, 2.2, 0.4, 0.2, 0.1, 0.35,
    ]);

    private static readonly FsrsReviewSet Train = FsrsReviewSet.From(FsrsSyntheticLog.Generate(Truth, 600, 10, new Random(11)));
    private static readonly FsrsFit Fitted = new FsrsFitter().Fit(Train, LongTerm(Train));

    private static bool[] LongTerm(FsrsReviewSet data) => Enumerable.Range(0, data.Count).Select(data.IsLongTerm).ToArray();

    [Fact]
    public void Fit_on_data_from_known_parameters_beats_the_defaults_on_fresh_data_from_them()
    {
        var test = FsrsReviewSet.From(FsrsSyntheticLog.Generate(Truth, 600, 10, new Random(12)));
        double Loss(FsrsParameters w) => FsrsLogLoss.Evaluate(test, w.AsSpan(), LongTerm(test), []);
        Assert.True(Fitted.Converged, $"{Fitted.Iterations} iterations, objective {Fitted.Objective}, {Fitted.Parameters}");
        Assert.True(Loss(Fitted.Parameters) < Loss(FsrsParameters.Default) - 20,
            $"fitted {Loss(Fitted.Parameters):F1} vs defaults {Loss(FsrsParameters.Default):F1}");
        Assert.True(Loss(Fitted.Parameters) < Loss(Truth) + 15, $"fitted {Loss(Fitted.Parameters):F1} vs truth {Loss(Truth):F1}");
    }

    /// <summary>Recovery of what the data determine: on fresh reviews from the truth, the fitted model's recall
    /// probabilities are within 0.02 of the truth's on average (the defaults are not), and the forgetting-curve decay
    /// w20 is recovered to 0.05. Single parameters such as w0 vs the same-day terms w17–w19 trade off against each
    /// other on a log of this size, so they are not checked one by one.</summary>
    [Fact]
    public void Fit_recovers_the_recall_probabilities_of_the_true_parameters()
    {
        var test = FsrsReviewSet.From(FsrsSyntheticLog.Generate(Truth, 600, 10, new Random(13)));
        var all = LongTerm(test);
        double Gap(FsrsParameters w) => FsrsPredictor.Predict(test, w, all).Zip(FsrsPredictor.Predict(test, Truth, all))
            .Average(p => Math.Abs(p.First.P - p.Second.P));
        Assert.True(Gap(Fitted.Parameters) < 0.02, $"mean |R_fit − R_true| = {Gap(Fitted.Parameters):F4}");
        Assert.True(Gap(FsrsParameters.Default) > 0.04, $"defaults: {Gap(FsrsParameters.Default):F4}");
        Assert.True(Math.Abs(Fitted.Parameters.Decay - Truth.Decay) < 0.05, $"decay w20 = {Fitted.Parameters.Decay:G4}, truth {Truth.Decay}");
    }

    [Fact]
    public void A_fit_stays_inside_the_bounds_and_the_L2_pull_keeps_unseen_parameters_at_the_defaults()
    {
        // Only Good first ratings: w0, w1, w3 have no data and stay at their defaults under the L2 term.
        var log = FsrsSyntheticLog.Generate(Truth, 200, 8, new Random(5))
            .GroupBy(r => r.CardId).SelectMany(g => g.Skip(1).Prepend(g.First() with { Rating = 3 })).ToList();
        var data = FsrsReviewSet.From(log);
        var fit = new FsrsFitter(l2: 1).Fit(data, LongTerm(data));
        foreach (int j in new[] { 0, 1, 3 }) Assert.Equal(FsrsParameters.Default[j], fit.Parameters[j], 1e-6);
        for (int j = 0; j < FsrsParameters.Count; j++)
            Assert.InRange(fit.Parameters[j], FsrsParameters.Bounds[j].Low, FsrsParameters.Bounds[j].High);
    }
}
